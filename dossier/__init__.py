"""Documents built from a project: the labelling dossier, the convention-cadre, the checklist, charts, .ics."""
