"""Discovery: job boards (sources/), searches (searches/), dedup, scoring, the pipeline and its runs."""
