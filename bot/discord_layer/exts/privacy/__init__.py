"""Members' data: /privacy and its buttons, servers Agora leaves or rejoins, deleted messages, the sweep."""
