import Foundation

extension CaretakerConfiguration {
    /// Where an installed Caretaker keeps its configuration and data files (README, Install).
    public static let installedDirectory = "/etc/caretaker"

    /// The configuration file used when none is named: `config/caretaker.yaml` under the working
    /// directory when it exists (a checkout), else `/etc/caretaker/caretaker.yaml` (an install).
    public static var defaultConfigFile: String {
        FileManager.default.fileExists(atPath: defaultFilePath) ? defaultFilePath : installedDirectory + "/caretaker.yaml"
    }

    /// The folder relative data paths (rules, model, SLA policy, calendars, authorization) are read from: the
    /// configuration file's folder when there is one, else `config/` under the working directory
    /// when it exists, else `/etc/caretaker`.
    public static func dataDirectory(configFile: String?) -> String {
        let file = configFile ?? defaultConfigFile
        if FileManager.default.fileExists(atPath: file) {
            let folder = (file as NSString).deletingLastPathComponent
            return folder.isEmpty ? "." : folder
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "config", isDirectory: &isDirectory), isDirectory.boolValue { return "config" }
        return installedDirectory
    }

    /// `path` unchanged when absolute, else under `directory`.
    static func resolve(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") || directory == "." ? path : directory + "/" + path
    }

    /// This configuration with every relative data path resolved against `directory`.
    public func resolvingDataPaths(in directory: String) -> CaretakerConfiguration {
        var copy = self
        copy.triage.rulesFile = Self.resolve(triage.rulesFile, in: directory)
        copy.triage.modelFile = Self.resolve(triage.modelFile, in: directory)
        copy.sla.policyFile = Self.resolve(sla.policyFile, in: directory)
        copy.sla.calendarsDirectory = Self.resolve(sla.calendarsDirectory, in: directory)
        copy.authorization.file = Self.resolve(authorization.file, in: directory)
        return copy
    }
}
