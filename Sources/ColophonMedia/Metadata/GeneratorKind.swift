/// The program that wrote an image's generation metadata, as far as its metadata tells.
public enum GeneratorKind: String, Hashable, Sendable, CaseIterable {
    case automatic1111 = "AUTOMATIC1111"
    case forge = "Forge"
    case sdNext = "SD.Next"
    case comfyUI = "ComfyUI"
    case invokeAI = "InvokeAI"
    case novelAI = "NovelAI"
    case fooocus = "Fooocus"
    case swarmUI = "SwarmUI"
}
