import Agent
import History

/// Opens the history for reading, with errors that say what to do.
enum HistoryFile {
    static func openReader(_ path: String) throws -> HistoryReader {
        do {
            return try HistoryReader(path: path)
        } catch {
            if error.kind == .notFound {
                throw CommandFailure(
                    "\(path): no history file here — start `backlog agent` or `backlog import FILE` to create one, or pass --db")
            }
            throw CommandFailure(error.description)
        }
    }
}
