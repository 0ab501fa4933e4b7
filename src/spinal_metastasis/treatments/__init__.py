"""Treatment options: each modality's eligibility rules and trade-off profile."""
