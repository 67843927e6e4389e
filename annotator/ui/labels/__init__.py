"""The label panel: claim form, mention list, actor picker and registry."""
