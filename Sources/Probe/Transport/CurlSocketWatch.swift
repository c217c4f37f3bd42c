#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCurl
import TimeSeries

/// The sockets and the timer a libcurl multi handle asks its owner to watch (the multi-socket API).
///
/// `curl_multi_perform` visits every transfer on each call and checks each one's socket with a
/// `poll` of its own, so a loop over many targets costs transfers × wakeups system calls. Told
/// instead which sockets are ready, libcurl touches only those transfers. On Linux the sockets sit
/// in an epoll set, so a wakeup costs the same for ten targets as for ten thousand; elsewhere one
/// `poll` covers them all.
final class CurlSocketWatch {
    /// The readiness libcurl wants, indexed by socket: `poll` events, 0 for a socket not watched.
    /// Descriptors are small numbers, and this is updated several times per transfer.
    private var events: [Int16] = []
    /// When libcurl wants to be called with `CURL_SOCKET_TIMEOUT`, in `MonotonicClock`
    /// nanoseconds; nil when it has no timer set.
    var timerDeadline: UInt64?
    #if os(Linux)
    private let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
    private var ready = [epoll_event](repeating: epoll_event(), count: 256)
    #endif

    deinit {
        #if os(Linux)
        if epoll >= 0 { close(epoll) }
        #endif
    }

    /// Routes the multi handle's socket and timer callbacks here. The multi handle must not
    /// outlive this object.
    func install(on multi: UnsafeMutableRawPointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = backlog_multi_setopt_socket_function(multi) { _, socket, what, context, _ in
            guard let context else { return 0 }
            Unmanaged<CurlSocketWatch>.fromOpaque(context).takeUnretainedValue().watch(socket, what: what)
            return 0
        }
        _ = backlog_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, context)
        _ = backlog_multi_setopt_timer_function(multi) { _, timeoutMilliseconds, context in
            guard let context else { return 0 }
            let watch = Unmanaged<CurlSocketWatch>.fromOpaque(context).takeUnretainedValue()
            // -1 deletes the timer; 0 asks to be called as soon as possible.
            watch.timerDeadline = timeoutMilliseconds < 0
                ? nil : MonotonicClock.nanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
            return 0
        }
        _ = backlog_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, context)
    }

    private func watch(_ socket: curl_socket_t, what: Int32) {
        let wanted: Int16? = switch what {
        case CURL_POLL_IN: Int16(POLLIN)
        case CURL_POLL_OUT: Int16(POLLOUT)
        case CURL_POLL_INOUT: Int16(POLLIN | POLLOUT)
        default: nil
        }
        guard socket >= 0 else { return }
        let index = Int(socket)
        if index >= events.count { events += repeatElement(0, count: max(index + 1 - events.count, events.count)) }
        let isKnown = events[index] != 0
        events[index] = wanted ?? 0
        #if os(Linux)
        register(socket, wanted: wanted, isKnown: isKnown)
        #endif
    }

    /// Waits up to `milliseconds` for a watched socket to be ready and returns the ready ones with
    /// their `CURL_CSELECT_*` bits; none on timeout or interruption.
    func wait(milliseconds: Int32) -> [(socket: curl_socket_t, readiness: Int32)] {
        #if os(Linux)
        if epoll >= 0 { return waitForEpoll(milliseconds: milliseconds) }
        #endif
        return waitForPoll(milliseconds: milliseconds)
    }

    private func waitForPoll(milliseconds: Int32) -> [(socket: curl_socket_t, readiness: Int32)] {
        var descriptors = events.indices.compactMap { socket in
            events[socket] == 0 ? nil : pollfd(fd: curl_socket_t(socket), events: events[socket], revents: 0)
        }
        guard poll(&descriptors, nfds_t(descriptors.count), milliseconds) > 0 else { return [] }
        var ready: [(socket: curl_socket_t, readiness: Int32)] = []
        for descriptor in descriptors where descriptor.revents != 0 {
            let revents = Int32(descriptor.revents)
            if revents & Int32(POLLNVAL) != 0 {
                // A socket closed without libcurl saying so would otherwise wake every poll.
                events[Int(descriptor.fd)] = 0
                continue
            }
            var readiness: Int32 = 0
            if revents & Int32(POLLIN | POLLHUP) != 0 { readiness |= CURL_CSELECT_IN }
            if revents & Int32(POLLOUT) != 0 { readiness |= CURL_CSELECT_OUT }
            if revents & Int32(POLLERR) != 0 { readiness |= CURL_CSELECT_ERR }
            ready.append((descriptor.fd, readiness))
        }
        return ready
    }

    #if os(Linux)
    private func register(_ socket: curl_socket_t, wanted: Int16?, isKnown: Bool) {
        guard epoll >= 0 else { return }
        guard let wanted else {
            // The socket may be closed already, which removed it from the set; that error is fine.
            if isKnown { _ = epoll_ctl(epoll, EPOLL_CTL_DEL, socket, nil) }
            return
        }
        var event = epoll_event()
        event.events = (Int32(wanted) & Int32(POLLIN) != 0 ? EPOLLIN.rawValue : 0)
            | (Int32(wanted) & Int32(POLLOUT) != 0 ? EPOLLOUT.rawValue : 0)
        event.data.fd = socket
        // A closed socket leaves the set on its own, and its number may come back for a new one,
        // so the set may not hold what `events` remembers: retry with the other operation.
        if epoll_ctl(epoll, isKnown ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, socket, &event) != 0 {
            _ = epoll_ctl(epoll, isKnown ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, socket, &event)
        }
    }

    private func waitForEpoll(milliseconds: Int32) -> [(socket: curl_socket_t, readiness: Int32)] {
        let count = ready.withUnsafeMutableBufferPointer { ready in
            epoll_wait(epoll, ready.baseAddress, Int32(ready.count), milliseconds)
        }
        guard count > 0 else { return [] }
        return ready[0..<Int(count)].map { event in
            var readiness: Int32 = 0
            if event.events & (EPOLLIN.rawValue | EPOLLHUP.rawValue) != 0 { readiness |= CURL_CSELECT_IN }
            if event.events & EPOLLOUT.rawValue != 0 { readiness |= CURL_CSELECT_OUT }
            if event.events & EPOLLERR.rawValue != 0 { readiness |= CURL_CSELECT_ERR }
            return (event.data.fd, readiness)
        }
    }
    #endif
}
