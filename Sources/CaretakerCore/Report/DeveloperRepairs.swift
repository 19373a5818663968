/// The month's repairs of building-quality defects under the developer's warranty (`developer`
/// responsibility): seed 003 五(二)4 sends each to the developer by work-contact note (工作联系单)
/// and lists them in the monthly summary for the developer.
///
/// Counted overall and per department (the department that owns the repair when the report
/// runs), with every case listed in receipt order.
public struct DeveloperRepairs: Sendable, Equatable {
    /// Every developer repair of the month (scope `all`).
    public var overall: DeveloperRepairCount
    /// One count per department with a developer repair, in `Department` order.
    public var departments: [DeveloperRepairCount]
    /// The repairs, in receipt order.
    public var cases: [DeveloperRepair]

    /// Creates the summary.
    public init(overall: DeveloperRepairCount, departments: [DeveloperRepairCount], cases: [DeveloperRepair]) {
        self.overall = overall
        self.departments = departments
        self.cases = cases
    }

    /// The summary of the repairs among `facts` whose responsibility is `developer`, in the
    /// order given; departments in `Department` order, unknown ones after them by name.
    public init(_ facts: [CaseFacts]) {
        let repairs = facts.filter { $0.kind == "repair" && $0.responsibility == "developer" }.map(DeveloperRepair.init)
        let departments = MonthlyReportBuilder.inDepartmentOrder(Set(repairs.map(\.department)))
        self.init(overall: DeveloperRepairCount("all", repairs),
                  departments: departments.map { department in
                      DeveloperRepairCount(department, repairs.filter { $0.department == department })
                  },
                  cases: repairs)
    }
}

/// How many developer repairs one scope has, finished and still open.
public struct DeveloperRepairCount: Sendable, Equatable {
    /// `all` or a department's raw value.
    public var scope: String
    /// Repairs whose work is done.
    public var finished: Int
    /// Repairs still being worked on.
    public var open: Int

    /// Creates the counts.
    public init(scope: String, finished: Int, open: Int) {
        self.scope = scope
        self.finished = finished
        self.open = open
    }

    /// Counts `repairs` under `scope`.
    init(_ scope: String, _ repairs: [DeveloperRepair]) {
        self.init(scope: scope, finished: repairs.filter { $0.state == .finished }.count,
                  open: repairs.filter { $0.state == .open }.count)
    }

    /// Every developer repair of the scope.
    public var total: Int { finished + open }
}

/// One developer repair as the summary lists it.
public struct DeveloperRepair: Sendable, Equatable {
    /// The case number (`BX-…`).
    public var caseNumber: String
    /// The department that owns the repair now.
    public var department: String
    /// The estate (小区), when the report named one.
    public var estate: String?
    /// Where in the estate, when the report said.
    public var location: String?
    /// The main category (e.g. `water_leak`).
    public var category: String
    /// The repair's priority now.
    public var priority: String?
    /// Whether the work is done.
    public var state: DeveloperRepairState

    /// Creates a listed repair.
    public init(caseNumber: String, department: String, estate: String?, location: String?, category: String,
                priority: String?, state: DeveloperRepairState) {
        self.caseNumber = caseNumber
        self.department = department
        self.estate = estate
        self.location = location
        self.category = category
        self.priority = priority
        self.state = state
    }

    /// The listing of `facts`, finished or open by its lifecycle state when the report runs.
    public init(_ facts: CaseFacts) {
        self.init(caseNumber: facts.caseNumber, department: facts.department, estate: facts.estate,
                  location: facts.location, category: facts.category, priority: facts.priority,
                  state: DeveloperRepairState(lifecycleState: facts.state))
    }
}

/// Whether a developer repair's work is done when the report runs.
public enum DeveloperRepairState: String, Sendable, Equatable {
    /// Completed, its work order returned, followed up or closed.
    case finished
    /// Dispatched, accepted, on site, or reopened for rework.
    case open

    /// The states after the work is done; a reopened repair goes back to `accepted`, so it is
    /// open again until it is completed anew.
    static let finishedStates: Set<CaseState> = [.completed, .workOrderReturned, .followedUp, .closed]

    /// `finished` for a state after completion, `open` otherwise (an unknown state included).
    public init(lifecycleState: String?) {
        let state = lifecycleState.flatMap(CaseState.init(rawValue:))
        self = state.map(Self.finishedStates.contains) == true ? .finished : .open
    }
}
