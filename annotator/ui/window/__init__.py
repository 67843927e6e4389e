"""The main window, its dialogs, start-up, backups and the labelling workspace."""
