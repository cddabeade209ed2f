"""Pure game rules: state, phases, parser, commands, conditions/effects, pursuit. No I/O."""
