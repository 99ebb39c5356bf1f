"""What both interfaces draw, shared by the CLI and the dashboard: column descriptions, how
dates, money and codes read in the interface language, and the sentence for every error."""
