"""Documents built from a project: charts now, the labelling dossier later."""
