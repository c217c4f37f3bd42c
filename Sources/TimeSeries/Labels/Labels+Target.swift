extension Labels {
    /// Adds a target's labels to a scraped series the way Prometheus does without `honor_labels`:
    /// the target's value wins, and a clashing scraped label is kept as `exported_<name>`.
    public func addingTargetLabels(_ target: Labels) -> Labels {
        var merged: [Label] = []
        merged.reserveCapacity(count + target.count)
        var clashes: [Label] = []
        var mine = 0
        var theirs = 0
        while mine < storage.count || theirs < target.storage.count {
            if theirs == target.storage.count
                || (mine < storage.count && storage[mine].name < target.storage[theirs].name)
            {
                merged.append(storage[mine])
                mine += 1
            } else if mine == storage.count || target.storage[theirs].name < storage[mine].name {
                merged.append(target.storage[theirs])
                theirs += 1
            } else {
                clashes.append(storage[mine])
                merged.append(target.storage[theirs])
                mine += 1
                theirs += 1
            }
        }
        if clashes.isEmpty { return Labels(presorted: merged) }
        var result = Labels(presorted: merged)
        for clash in clashes {
            var exportedName = "exported_\(clash.name)"
            while result[exportedName] != nil { exportedName = "exported_\(exportedName)" }
            result.set(exportedName, clash.value)
        }
        return result
    }
}
