/// The version of this build of Colophon.
enum ColophonVersion {
    static let current = "0.1.0"
}
