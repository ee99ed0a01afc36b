"""Discussion: debate prompts."""
