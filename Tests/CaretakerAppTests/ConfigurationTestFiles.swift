import Foundation

/// Temporary YAML files for the configuration tests, removed when the test ends.
struct TemporaryConfigFile {
    let path: String

    init(_ yaml: String) throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("caretaker-config-\(UUID().uuidString).yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
