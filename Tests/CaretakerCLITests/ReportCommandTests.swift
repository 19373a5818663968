import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Testing

/// `caretaker report` on the seeded October: JSON, CSV, table and HTML, and the HTML rendered
/// by a real headless chromium.
@Suite(.serialized) struct ReportCommandTests {
    @Test(.requiring(.postgres)) func everyFormatCarriesTheSeededFiguresAndTheHTMLRendersInChromium() async throws {
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("caretaker-report-\(UUID().uuidString).html")
        try await TimerScenario.run("cli_report") { scenario in
            try await ReportMonthSeed.seed(on: scenario.connection, timekeeper: scenario.timekeeper)
            let environment = ["CARETAKER_POSTGRES_URL": scenario.database.url]
            let base = ["report", "--month", "2026-10", "--as-of", ReportMonthSeed.asOf.description]

            let json = try await CaretakerBinary.run(base + ["--format", "json"], environment: environment)
            #expect(json.status == 0, "\(json.stderr)")
            let parsed = try JSONParser.parse(Array(json.stdout.utf8))
            let onTime = try #require(parsed["overall"]?["on_time"])
            #expect(onTime["rate"] == .number(33.3) && onTime["decided_rate"] == .number(42.9))
            // R4 (a repair) and C3 (a complaint) are not yet due.
            #expect(onTime["not_yet_due"]?.serialized.hasPrefix(#"["BX-"#) == true)
            #expect(onTime["not_yet_due"]?.serialized.contains(#","TS-"#) == true)
            #expect(parsed["overall"]?["repair_rework"]?["rate"] == .number(25))
            #expect(parsed["overall"]?["validity"]?["other_body"] == .number(1))
            // R3 (finished) and R4 (open) are the developer repairs; the one of 1 Nov is not.
            let developer = try #require(parsed["developer_repairs"])
            #expect(developer["total"] == .number(2) && developer["finished"] == .number(1) && developer["open"] == .number(1))
            guard case .array(let listed)? = developer["cases"], listed.count == 2,
                  case .string(let r3)? = listed[0]["case_number"] else {
                Issue.record("expected two developer repairs: \(developer.serialized)")
                return
            }

            let csv = try await CaretakerBinary.run(base + ["--format", "csv"], environment: environment)
            #expect(csv.lines.first == "scope,section,key,value")
            #expect(csv.lines.contains("all,on_time,rate,33.3"))
            #expect(csv.lines.contains("all,on_time,decided_rate,42.9"))
            #expect(csv.lines.contains("engineering,quick_repairs.target,rate,0.0"))
            #expect(csv.lines.contains("engineering,quick_repairs.ceiling,rate,100.0"))
            #expect(csv.lines.contains("engineering,repair_rework,rate,25.0"))
            #expect(csv.lines.contains("customer_service,validity,invalid,1"))
            #expect(csv.lines.contains("engineering,on_time.repair_accept,late,2"))
            #expect(csv.lines.contains("翠湖苑,recurring,lighting,2"))
            #expect(csv.lines.contains("environment,developer_repairs,open,1"))
            #expect(csv.lines.contains("\(r3),developer_repair,location,5号楼地下室"))

            let table = try await CaretakerBinary.run(base, environment: environment)
            #expect(table.lines.first?.hasPrefix("物业服务月报 Monthly report 2026-10") == true)
            #expect(table.lines.contains { $0.hasPrefix("全部 All") && $0.contains("33.3% (3/9)") && $0.contains("42.9% (3/7)") })
            #expect(table.lines.contains { $0.hasPrefix("工程部 Engineering") && $0.contains("0.0% (0/1) ✗") && $0.contains("100.0% (1/1) ✓") })
            #expect(table.lines.contains { $0.hasPrefix(r3) && $0.contains("5号楼地下室") && $0.hasSuffix("已完成 Finished") })

            let html = try await CaretakerBinary.run(base + ["--format", "html", "--output", page.path], environment: environment)
            #expect(html.status == 0, "\(html.stderr)")
            let text = try String(contentsOf: page, encoding: .utf8)
            #expect(text.contains("<svg") && text.contains("物业服务月报"))
            #expect(text.contains("零修急修") && text.contains("返修率") && text.contains("投诉认定"))
            #expect(text.contains("<tr><td>\(r3)</td><td>工程部 Engineering</td><td>翠湖苑</td><td>5号楼地下室</td>"))
            #expect(!text.contains("src=") && !text.contains("<link"))
        }
        try screenshot(page)
    }

    /// Renders the page at 1200×1600 and checks the PNG; skipped outside CI without chromium.
    func screenshot(_ page: URL) throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "chromium is required under CI")
            return
        }
        let png = page.deletingPathExtension().appendingPathExtension("png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             "--screenshot=\(png.path)", "--window-size=1200,1600", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: png)
        #expect(data.count > 20_000)
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // IHDR: width and height, big-endian, at bytes 16–23.
        let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1200 && height == 1600)
    }
}
