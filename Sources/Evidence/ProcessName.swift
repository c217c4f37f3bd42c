/// How people name an Erlang process wherever they read it: by its registered name, else by its
/// type (its initial call) and pid, else by its pid alone — never a bare pid when the type is known.
public enum ProcessName {
    /// `chat_router` (or `chat_router <0.212.0>` with `pidAfterName`), else
    /// `chat_session:init/1 <0.176.0>`, else `<0.176.0>`. Empty strings count as absent, as the
    /// exporter's `name=""` for an unregistered process.
    public static func display(registeredName: String?, initialCall: String?, pid: String, pidAfterName: Bool = false) -> String {
        if let registeredName, !registeredName.isEmpty {
            return pidAfterName && !pid.isEmpty ? "\(registeredName) \(pid)" : registeredName
        }
        if let initialCall, !initialCall.isEmpty { return pid.isEmpty ? initialCall : "\(initialCall) \(pid)" }
        return pid
    }
}
