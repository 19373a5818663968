/// Placeholder.
public enum PostgresModule {}
