"""Published and worked examples, each id naming its source and whether it is published or worked."""
