// Opens a TerminalSession on the pty named by argv[1], says "ready", then ends the way argv[2]
// says, so DashboardTests can check the terminal comes back from each of them:
//   crash  — a Swift runtime trap (fatalError)
//   fault  — a segmentation fault
//   abort  — abort()
//   wait   — sleep until a signal (the test sends SIGINT or SIGTERM)
//   exit   — restore() and exit normally
import Dashboard
#if canImport(Glibc)
import Glibc
#endif

// A child spawned by Foundation's Process inherits the spawning thread's mask, in which
// libdispatch blocks SIGINT, SIGTERM and SIGHUP; a shell starts `backlog` with none blocked.
var nothingBlocked = sigset_t()
sigemptyset(&nothingBlocked)
sigprocmask(SIG_SETMASK, &nothingBlocked, nil)

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    print("usage: dashboard-terminal-probe PTY crash|fault|abort|wait|exit")
    exit(2)
}
let descriptor = open(arguments[1], O_RDWR | O_NOCTTY)
guard descriptor >= 0 else {
    print("cannot open \(arguments[1])")
    exit(2)
}
let session: TerminalSession
do {
    session = try TerminalSession(input: descriptor, output: descriptor)
} catch {
    print("session failed: \(error)")
    exit(2)
}
try? session.write(Array("frame".utf8))
// Straight to the descriptor: stdout is a pipe here, and print() would sit in its buffer.
_ = "ready\n".utf8CString.withUnsafeBufferPointer { write(1, $0.baseAddress, $0.count - 1) }

switch arguments[2] {
case "crash":
    fatalError("probe crash")
case "fault":
    UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
case "abort":
    abort()
case "wait":
    while true { sleep(1) }
default:
    session.restore()
    exit(0)
}
