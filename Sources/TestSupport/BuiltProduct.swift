public import Foundation

/// Executables `swift build` put next to the running test binary.
public enum BuiltProduct {
    /// The build folder that holds the test bundle, such as `.build/debug`.
    public static let directory: URL = {
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS"
            || directory.lastPathComponent == "Contents"
        {
            directory.deleteLastPathComponent()
        }
        return directory
    }()

    /// The path of a built executable, such as `backlog`.
    public static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
}
