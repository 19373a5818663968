@testable import CaretakerApp
import Foundation
import Testing

/// The `sd_notify` sender against a real Unix datagram socket.
@Suite struct SystemdNotifierTests {
    @Test func sendsOneDatagramToASocketFile() throws {
        let socket = try DatagramSocket()
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name]))
        try notifier.send("READY=1\nSTATUS=consuming")
        #expect(socket.receiveOne(within: .seconds(2)) == "READY=1\nSTATUS=consuming")
    }

    @Test func sendsToAnAbstractSocketNamedWithAnAt() throws {
        let socket = try DatagramSocket(abstract: true)
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name]))
        try notifier.send("WATCHDOG=1")
        #expect(socket.receiveOne(within: .seconds(2)) == "WATCHDOG=1")
    }

    @Test func readsTheProcessEnvironment() throws {
        let socket = try DatagramSocket()
        setenv("NOTIFY_SOCKET", socket.name, 1)
        defer { unsetenv("NOTIFY_SOCKET") }
        let notifier = try #require(SystemdNotifier.fromProcessEnvironment())
        try notifier.send("STOPPING=1")
        #expect(socket.receiveOne(within: .seconds(2)) == "STOPPING=1")
    }

    @Test func aMissingSocketIsAnErrorNamingTheCall() throws {
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": "/tmp/caretaker-no-such-\(UUID()).sock"]))
        #expect(throws: SystemdNotifyError(call: "sendto", errno: ENOENT)) { try notifier.send("READY=1") }
    }

    @Test(arguments: [
        ([:], false), (["NOTIFY_SOCKET": ""], false), (["NOTIFY_SOCKET": "@"], false),
        (["NOTIFY_SOCKET": "relative/path"], false), (["NOTIFY_SOCKET": "/" + String(repeating: "x", count: 200)], false),
        (["NOTIFY_SOCKET": "/run/systemd/notify"], true), (["NOTIFY_SOCKET": "@abstract"], true),
    ])
    func onlyUsableSocketNamesMakeANotifier(_ environment: [String: String], _ usable: Bool) {
        #expect((SystemdNotifier(environment: environment) != nil) == usable)
    }

    @Test func watchdogIntervalNeedsUsecAndAMatchingPID() throws {
        let base = ["NOTIFY_SOCKET": "/run/systemd/notify", "WATCHDOG_USEC": "30000000"]
        #expect(SystemdNotifier(environment: base, processID: 7)?.watchdogInterval == .seconds(30))
        #expect(SystemdNotifier(environment: base.merging(["WATCHDOG_PID": "7"]) { $1 }, processID: 7)?
            .watchdogInterval == .seconds(30))
        #expect(SystemdNotifier(environment: base.merging(["WATCHDOG_PID": "8"]) { $1 }, processID: 7)?
            .watchdogInterval == nil)
        #expect(SystemdNotifier(environment: base.merging(["WATCHDOG_USEC": "0"]) { $1 })?.watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "/run/systemd/notify"])?.watchdogInterval == nil)
    }
}
