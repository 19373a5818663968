import CaretakerCore
import Foundation

/// Runs `caretaker classify` over one or more inputs: splits lines, decodes, classifies, writes.
struct ClassifySession {
    let classifier: TriageClassifier
    var scratch = TriageScratch()
    var output = BufferedOutput()
    /// Whether any line (or file) was invalid; the command then exits with status 1.
    var hadInvalidInput = false

    /// Whether each line carries the model's explanation.
    let explain: Bool

    init(classifier: TriageClassifier, explain: Bool = false) {
        self.classifier = classifier
        self.explain = explain
    }

    /// Reads `handle` to its end in chunks and handles each complete line.
    mutating func process(handle: FileHandle, name: String) throws {
        var pending: [UInt8] = []
        var lineNumber = 0
        while true {
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            var start = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                lineNumber += 1
                handleLine(pending[start..<newline], number: lineNumber, source: name)
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty {
            lineNumber += 1
            handleLine(pending[...], number: lineNumber, source: name)
        }
    }

    private mutating func handleLine(_ raw: ArraySlice<UInt8>, number: Int, source: String) {
        var line = raw
        if line.last == 0x0D { line = line.dropLast() }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        do {
            let message = try IntakeMessage.decode(from: line)
            if explain {
                output.write(ClassifyOutput.line(for: message, explanation: classifier.explain(message)))
            } else {
                output.write(ClassifyOutput.line(for: message, decision: classifier.classify(message, scratch: &scratch)))
            }
        } catch {
            hadInvalidInput = true
            output.write(ClassifyOutput.errorLine(for: error))
            let field = error.field.isEmpty ? "(message)" : error.field
            StandardStreams.writeError("caretaker classify: \(source) line \(number): \(field): \(error.reason.rawValue)\n")
        }
    }
}

/// Collects stdout bytes and writes them in large blocks.
struct BufferedOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes to stderr without buffering.
enum StandardStreams {
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
