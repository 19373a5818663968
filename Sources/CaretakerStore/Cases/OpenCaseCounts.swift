import Postgres

/// How many cases are open (not closed), by department, kind and grade, for the worker's gauges.
public enum OpenCaseCounts {
    /// `[department, kind, severity or priority (or "unknown")]` → open cases.
    public static func read(on connection: PostgresConnection) async throws -> [[String]: Int] {
        var open: [[String]: Int] = [:]
        for row in try await connection.query("""
            SELECT department, kind, coalesce(severity, priority, 'unknown') AS severity, count(*)::bigint AS n
            FROM cases WHERE state <> 'closed' GROUP BY 1, 2, 3
            """) {
            let series = [try row.decode("department", as: String.self), try row.decode("kind", as: String.self),
                          try row.decode("severity", as: String.self)]
            open[series] = Int(try row.decode("n", as: Int64.self))
        }
        return open
    }
}
