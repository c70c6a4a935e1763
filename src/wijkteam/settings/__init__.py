"""Settings: ``base`` holds everything, ``dev``/``test``/``production`` only differ where they must."""
