"""What admins expect of a bot: /help, and a first message when Agora joins a server."""
