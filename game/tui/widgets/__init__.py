"""The app's widgets: each owns its rendering; attributes come down, messages go up."""
