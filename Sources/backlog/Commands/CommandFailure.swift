import ArgumentParser
import Foundation

/// A command's failure: its message goes to stderr as is, and the exit status is non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32

    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }
}
