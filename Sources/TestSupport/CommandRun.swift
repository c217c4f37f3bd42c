public import Foundation

/// The outcome of running a built executable to completion.
public struct CommandRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// Runs `backlog` (or another built product) with arguments and collects both outputs.
    ///
    /// Both pipes are drained concurrently, so a chatty child can never block on a full pipe.
    public static func backlog(
        _ arguments: [String], product: String = "backlog", environment: [String: String]? = nil,
        standardInput: Data? = nil, currentDirectory: String? = nil
    ) throws -> CommandRun {
        let process = Process()
        process.executableURL = BuiltProduct.url(product)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = standardInput == nil ? FileHandle.nullDevice : input
        try process.run()
        if let standardInput {
            input.fileHandleForWriting.write(standardInput)
            try? input.fileHandleForWriting.close()
        }
        let collected = PipeCollector(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = collected.wait()
        process.waitUntilExit()
        return CommandRun(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// Reads a pipe to its end on another thread.
final class PipeCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
