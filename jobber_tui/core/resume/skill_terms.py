"""The skills the deterministic scorer looks for in a job description, besides your resume's own.

A job "asks for" the terms of this list (and of your resume's skills) that appear in its title or
description; your coverage is how many of those your resume has. Terms that are also ordinary
English words ("Go", "Rust", "Swift") count only when written capitalised, or as "golang".
"""

from __future__ import annotations

SKILL_TERMS: tuple[str, ...] = (
    # languages
    "python", "java", "javascript", "typescript", "go", "golang", "rust", "c", "c++", "c#", "ruby", "php",
    "scala", "kotlin", "swift", "objective-c", "elixir", "erlang", "haskell", "clojure", "r", "julia", "perl",
    "lua", "dart", "bash", "shell", "powershell", "sql", "graphql", "solidity", "f#", "ocaml", "zig",
    # web and app frameworks
    "react", "react native", "angular", "vue", "svelte", "next.js", "node.js", "express", "django", "flask",
    "fastapi", "rails", "ruby on rails", "spring", "spring boot", ".net", "asp.net", "laravel", "symfony",
    "phoenix", "flutter", "swiftui", "jquery", "redux", "tailwind", "html", "css", "webpack", "vite",
    # data stores and streaming
    "postgresql", "postgres", "mysql", "mariadb", "sqlite", "mongodb", "redis", "cassandra", "dynamodb",
    "elasticsearch", "opensearch", "clickhouse", "snowflake", "bigquery", "redshift", "kafka", "rabbitmq",
    "kinesis", "pulsar", "nats", "spark", "flink", "hadoop", "airflow", "dbt", "databricks", "neo4j",
    "cockroachdb", "memcached", "pandas", "numpy", "duckdb",
    # cloud, infrastructure and delivery
    "aws", "gcp", "azure", "kubernetes", "docker", "terraform", "pulumi", "ansible", "helm", "argo cd",
    "argocd", "jenkins", "github actions", "gitlab ci", "circleci", "ci/cd", "linux", "nginx", "envoy",
    "istio", "serverless", "lambda", "eks", "gke", "aks", "ec2", "s3", "cloudformation", "vault", "consul",
    "nomad", "packer", "karpenter", "openstack",
    # observability and reliability
    "prometheus", "grafana", "datadog", "opentelemetry", "jaeger", "splunk", "new relic", "sentry", "pagerduty",
    "observability", "sre", "slos", "incident response", "on-call",
    # architecture and practices
    "microservices", "distributed systems", "event-driven", "event sourcing", "grpc", "rest", "restful",
    "websockets", "oauth", "api design", "system design", "domain-driven design", "tdd", "agile", "scrum",
    "security", "cryptography", "networking", "tcp/ip", "concurrency", "performance", "scalability",
    # data science and ML
    "machine learning", "deep learning", "pytorch", "tensorflow", "scikit-learn", "nlp", "llm", "llms",
    "computer vision", "mlops", "statistics", "data engineering", "etl", "data modeling", "tableau", "looker",
    # tools and domains
    "git", "jira", "figma", "unix", "embedded", "firmware", "fintech", "payments", "healthcare", "hl7", "fhir",
    "blockchain", "ios", "android", "mobile", "frontend", "backend", "full-stack", "devops", "platform",
)

AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "go": ("Go", "Golang", "golang"),
    "rust": ("Rust",),
    "swift": ("Swift",),
    "r": ("R",),
    "c": ("C",),
    "spring": ("Spring",),
    "express": ("Express", "Express.js", "express.js"),
    "dart": ("Dart",),
    "julia": ("Julia",),
    "rest": ("REST",),
    "shell": ("Shell", "shell scripting"),
    "lambda": ("Lambda",),
    "vault": ("Vault",),
    "platform": ("Platform",),
    "security": ("Security", "security"),
    "performance": ("performance engineering", "Performance Engineering"),
    "mobile": ("Mobile",),
    "payments": ("Payments", "payments"),
    "nomad": ("Nomad",),
    "consul": ("Consul",),
    "phoenix": ("Phoenix",),
}
"""Term -> the spellings (case-sensitive) that mean the skill and not the everyday word."""

ALIASES: dict[str, str] = {
    "golang": "go", "postgres": "postgresql", "k8s": "kubernetes", "argocd": "argo cd", "restful": "rest",
    "llms": "llm", "nodejs": "node.js", "reactjs": "react", "react.js": "react", "vue.js": "vue",
    "ror": "ruby on rails", "rails": "ruby on rails", "js": "javascript", "ts": "typescript", "py": "python",
    "amazon web services": "aws", "google cloud": "gcp", "google cloud platform": "gcp", "ml": "machine learning",
    "sklearn": "scikit-learn", "spring boot": "spring", "mongo": "mongodb", "elastic": "elasticsearch",
    "slo": "slos", "open telemetry": "opentelemetry", "otel": "opentelemetry", "ci cd": "ci/cd",
}
"""Spellings of the same skill, mapped to one name so "Postgres" in a job matches "PostgreSQL" in a resume."""
