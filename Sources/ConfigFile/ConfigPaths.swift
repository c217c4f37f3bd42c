import Foundation

/// Paths in a config file are relative to the file's folder, as in Prometheus.
public enum ConfigPaths {
    /// The folder a config file is in ("" for a bare file name).
    public static func directory(of path: String) -> String { (path as NSString).deletingLastPathComponent }

    /// `path` as written if absolute, else taken from `directory`.
    public static func resolve(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") || directory.isEmpty ? path : "\(directory)/\(path)"
    }
}
