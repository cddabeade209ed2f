"""Modal screens: map, help, journal, save, load and quit. Escape closes each."""
