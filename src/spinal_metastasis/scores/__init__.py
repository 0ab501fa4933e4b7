"""Published scores, one module each, exact under unknown inputs."""
