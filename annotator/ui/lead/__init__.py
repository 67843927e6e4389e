"""Views for leads: the progress dashboard and adjudication."""
