import Foundation

/// Runs a short command from PATH to completion, stdout and stderr together.
enum ShellCommand {
    struct Result {
        var status: Int32
        var output: String
    }

    /// `env` exits 127 when the tool is not on PATH; that becomes `toolMissing`.
    static func run(_ tool: String, _ arguments: [String]) throws(ErlangNodeError) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .toolMissing("/usr/bin/env")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 { throw .toolMissing(tool) }
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
