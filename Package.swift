// swift-tools-version:6.1
import PackageDescription

/// Caretaker: a worker daemon that triages, routes and tracks residents' complaints and repair
/// requests for property-management companies. See README.md for the module layout.
let package = Package(
    name: "Caretaker",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "caretaker", targets: ["caretaker"]),
        .executable(name: "caretaker-bench", targets: ["caretaker-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C libraries, imported only by the two wrapper modules below.
        .systemLibrary(
            name: "CRabbitMQ",
            pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev", "libssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),

        // Thin wrappers: know AMQP / SQL, nothing about complaints.
        // Runs blocking C calls on a thread of their own, off Swift's cooperative pool.
        .target(name: "DedicatedThread"),
        // Exponential, capped, jittered delays between failing attempts; shared by both wrappers and the worker.
        .target(name: "Backoff"),
        .target(name: "AMQP", dependencies: ["CRabbitMQ", "DedicatedThread", "Backoff"]),
        .target(name: "Postgres", dependencies: ["CLibPQ", "DedicatedThread", "Backoff"]),

        // The domain: pure, no I/O, no clock, no logging.
        .target(name: "CaretakerCore"),

        // The domain in PostgreSQL: migrations, cases, inbox, outbox, timers.
        .target(name: "CaretakerStore", dependencies: ["CaretakerCore", "Postgres"]),

        // The domain on RabbitMQ: topology, intake and command consumers, the outbox relay.
        .target(
            name: "CaretakerMessaging",
            dependencies: [
                "CaretakerCore", "CaretakerStore", "AMQP", "Postgres", "Backoff",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Configuration, services and wiring.
        .target(
            name: "CaretakerApp",
            dependencies: [
                "CaretakerCore", "CaretakerStore", "CaretakerMessaging", "AMQP", "Postgres", "Backoff",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),

        // The one executable.
        .executableTarget(
            name: "caretaker",
            dependencies: [
                "CaretakerApp",
                "CaretakerCore",
                "CaretakerStore",
                "CaretakerMessaging",
                "AMQP",
                "Postgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),

        // Benchmarks print figures; they never run as timed tests.
        .executableTarget(
            name: "caretaker-bench",
            dependencies: [
                "CaretakerCore", "CaretakerStore", "CaretakerMessaging", "CaretakerApp", "AMQP", "Postgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Where the local test servers live and how to reach them; shared by the test targets.
        .target(
            name: "CaretakerTestSupport", dependencies: ["Postgres", "CaretakerCore", "CaretakerStore"],
            path: "Tests/CaretakerTestSupport"
        ),

        .testTarget(name: "DedicatedThreadTests", dependencies: ["DedicatedThread"]),
        .testTarget(name: "BackoffTests", dependencies: ["Backoff", "CaretakerCore"]),
        .testTarget(name: "AMQPTests", dependencies: ["AMQP", "Backoff", "CaretakerTestSupport"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "CaretakerTestSupport"]),
        .testTarget(
            name: "CaretakerCoreTests",
            dependencies: ["CaretakerCore"]
        ),
        .testTarget(
            name: "CaretakerStoreTests", dependencies: ["CaretakerCore", "CaretakerStore", "CaretakerTestSupport", "Postgres"]
        ),
        .testTarget(
            name: "CaretakerMessagingTests",
            dependencies: [
                "CaretakerCore", "CaretakerMessaging", "CaretakerStore", "CaretakerApp", "CaretakerTestSupport", "AMQP",
                "Postgres", "Backoff",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "CaretakerWorkerTests",
            dependencies: [
                "CaretakerApp", "CaretakerCore", "CaretakerStore", "CaretakerMessaging", "CaretakerTestSupport", "AMQP",
                "Postgres",
            ]
        ),
        .testTarget(
            name: "CaretakerAppTests",
            dependencies: [
                "CaretakerApp", "CaretakerCore", "CaretakerStore", "CaretakerMessaging", "CaretakerTestSupport", "AMQP",
                "Postgres",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "CaretakerCLITests",
            dependencies: ["CaretakerTestSupport", "CaretakerStore", "CaretakerCore", "CaretakerMessaging", "AMQP", "Postgres"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
