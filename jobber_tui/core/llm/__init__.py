"""Bring-your-own model: any OpenAI-compatible chat completions endpoint, spoken with httpx."""
