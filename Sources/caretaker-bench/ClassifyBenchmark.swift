import CaretakerApp
import CaretakerCore
import Foundation

/// `caretaker-bench classify`: how many messages one thread classifies per second.
enum ClassifyBenchmark {
    static func run(seconds: Double, rulesPath: String, modelPath: String) {
        let classifier: TriageClassifier, rulesOnly: TriageClassifier
        do {
            classifier = try TriageRulesFile(path: rulesPath).loadClassifier(modelPath: modelPath)
            rulesOnly = TriageClassifier(rules: classifier.rules)
        } catch {
            print("caretaker-bench: \(error)")
            exit(78)
        }
        let lines = BenchmarkMessages.lines
        let messages = lines.map { try! IntakeMessage.decode(from: $0) }
        print("rules \(classifier.rules.version): \(classifier.rules.categories.count) categories, \(classifier.rules.situations.count) situations, \(classifier.phraseCount) phrases; model \(classifier.model?.version ?? "none"); \(messages.count) messages in the mix, \(seconds) s per phase, one thread")

        var buffer: [UInt32] = []
        let baseline = measure(seconds: seconds / 3) { i in
            TextNormaliser.normalise(messages[i % messages.count].text, into: &buffer)
            return buffer.count
        }
        var scratch = TriageScratch()
        let rules = measure(seconds: seconds / 2) { i in
            rulesOnly.classify(messages[i % messages.count], scratch: &scratch).reasons.count
        }
        let classify = measure(seconds: seconds) { i in
            classifier.classify(messages[i % messages.count], scratch: &scratch).reasons.count
        }
        let decodeClassify = measure(seconds: seconds / 2) { i in
            let message = try! IntakeMessage.decode(from: lines[i % lines.count])
            return classifier.classify(message, scratch: &scratch).reasons.count
        }
        report("baseline (normalise only)", baseline, baseline)
        report("classify, rules only", rules, baseline)
        report("classify, rules + model", classify, baseline)
        report("decode + classify", decodeClassify, baseline)
    }

    /// Runs `body` in batches until `seconds` pass; returns calls per second.
    static func measure(seconds: Double, _ body: (Int) -> Int) -> Double {
        var sink = 0
        for i in 0..<200 { sink &+= body(i) }
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        var elapsed = Duration.zero
        while elapsed < .milliseconds(Int(seconds * 1000)) {
            for _ in 0..<1000 {
                sink &+= body(count)
                count += 1
            }
            elapsed = clock.now - start
        }
        if sink == 42 { print("") }
        let secondsTaken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(count) / secondsTaken
    }

    static func report(_ name: String, _ rate: Double, _ baseline: Double) {
        let padded = name.padding(toLength: 28, withPad: " ", startingAt: 0)
        let perSecond = String(format: "%10.0f", rate)
        let micros = String(format: "%7.2f", 1e6 / rate)
        let ratio = String(format: "%6.1f", baseline / rate)
        print("\(padded) \(perSecond) /s  \(micros) µs each  \(ratio)x baseline time")
    }
}
