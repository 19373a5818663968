import CaretakerTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `scripts/services` with `posix_spawn` and `waitpid`.
///
/// `TestServers.services` waits with Foundation's `Process.waitUntilExit`, which on Linux never
/// returns for `start`/`restart postgres`: the daemonised postmaster inherits the descriptor
/// Foundation watches for the child's exit, so the script stays an unreaped zombie.
enum ServerControl {
    struct Failed: Error, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        var description: String { "scripts/services \(arguments.joined(separator: " ")) failed with status \(status)" }
    }

    static func services(_ arguments: String...) throws {
        let script = TestServers.repositoryRoot.appendingPathComponent("scripts/services").path
        var argv: [UnsafeMutablePointer<CChar>?] = (["/bin/bash", script] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, &argv, environ)
        guard spawned == 0 else { throw Failed(arguments: arguments, status: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status >> 8) & 0xff
        guard status & 0x7f == 0, exitCode == 0 else {
            throw Failed(arguments: arguments, status: status & 0x7f == 0 ? exitCode : -1)
        }
    }
}
