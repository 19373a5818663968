/// Placeholder.
public enum AMQPModule {}
