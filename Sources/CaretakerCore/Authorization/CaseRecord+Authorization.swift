extension CaseRecord {
    /// What authorization looks at: the handling department, the escalation level and whose
    /// staff the complaint accuses; nothing about the resident.
    public var authorizationTarget: AuthorizationTarget {
        AuthorizationTarget(department: department, escalationLevel: escalationLevel, accused: accused)
    }
}
