import CaretakerCore
import CaretakerStore
import Foundation

/// Loads the SLA policy and the working-day calendars named in the configuration.
public struct SLAFiles: Sendable {
    /// The configuration naming the files.
    public let configuration: SLAConfiguration

    /// Creates a loader.
    public init(configuration: SLAConfiguration) {
        self.configuration = configuration
    }

    /// Why the files cannot be used, naming the file and the problem inside it.
    public struct LoadError: Error, CustomStringConvertible {
        /// A sentence for ops.
        public let description: String
    }

    /// Reads and validates the policy and every `*.json` calendar in the calendars folder.
    public func loadTimekeeper() throws(LoadError) -> SLATimekeeper {
        let policy: SLAPolicy
        do {
            policy = try SLAPolicy.parse(try read(configuration.policyFile))
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "\(configuration.policyFile): \(error)")
        }
        let folder = URL(fileURLWithPath: configuration.calendarsDirectory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw LoadError(description: "\(configuration.calendarsDirectory): cannot list the calendars folder")
        }
        guard !names.isEmpty else {
            throw LoadError(description: "\(configuration.calendarsDirectory): no calendar files (*.json)")
        }
        var calendars: [WorkingCalendar] = []
        for name in names {
            let path = folder.appendingPathComponent(name).path
            do {
                calendars.append(try WorkingCalendar.parse(try read(path)))
            } catch let error as LoadError {
                throw error
            } catch {
                throw LoadError(description: "\(path): \(error)")
            }
        }
        do {
            return SLATimekeeper(planner: TimerPlanner(policy: policy, calendars: try CalendarSet(calendars)))
        } catch {
            throw LoadError(description: "\(configuration.calendarsDirectory): \(error)")
        }
    }

    private func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "\(path): cannot be read")
        }
        return [UInt8](data)
    }
}
