import ColophonMedia
import ColophonRecords
import Testing

/// Training summaries of hostile kohya metadata: no traps, nothing the adapter schema refuses.
@Suite struct TrainingSummaryTests {
    @Test func hostileTrainingMetadataIsSummarisedSafely() throws {
        let metadata = #"""
            {"__metadata__": {"ss_training_finished_at": "1e300", "ss_tag_frequency": "{\"a\": {\"x\": 9223372036854775807}, \"b\": {\"x\": 1}}", "ss_dataset_dirs": "{\"-1_x\": {\"n_repeats\": -3, \"img_count\": 9223372036854775807}, \"2_y\": {\"img_count\": 9223372036854775807}}", "ss_output_name": "   ", "modelspec.trigger_phrase": ", ,"}}
            """#
        let bytes = ModelFileTests.safetensors(header: metadata)
        let header = try SafetensorsHeader(prefix: bytes, fileSize: bytes.count)
        let training = try #require(header.trainingSummary)
        #expect(training.trainedAt == nil)
        #expect(training.outputName == nil)
        #expect(training.topTags?.first?.count == .max)
        // The tag-frequency folders have no counts, so no total is claimed.
        #expect(training.imageCount == nil)
        #expect(training.datasetFolders?.compactMap(\.imageCount) == [.max, .max])
        #expect(training.datasetFolders?.allSatisfy { ($0.repeats ?? 0) >= 0 } == true)
        #expect(header.triggerWords == [])
    }
}
