extension ProcessEvidence {
    /// How people name the process: its registered name with its pid (`chat_router <0.212.0>`),
    /// else its type and pid (`chat_session:init/1 <0.176.0>`), else the pid alone.
    public var displayName: String {
        ProcessName.display(registeredName: registeredName, initialCall: initialCall, pid: pid, pidAfterName: true)
    }

    /// Where it waits or runs now: the innermost frame, else `current_function`.
    public var whereNow: String? { currentStacktrace.first?.mfa ?? currentFunction }
}
