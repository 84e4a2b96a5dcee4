"""What every part of the window uses: application set-up, undo adapter, settings, errors, prompts, workers."""
