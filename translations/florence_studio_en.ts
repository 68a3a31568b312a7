<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>florence::ui::AddAnnotations</name>
    <message numerus="yes">
        <source>Add %n annotation(s)</source>
        <translation>
            <numerusform>Add %n annotation</numerusform>
            <numerusform>Add %n annotations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::BatchDock</name>
    <message numerus="yes">
        <source>%1 of %n image(s)</source>
        <translation>
            <numerusform>%1 of %n image</numerusform>
            <numerusform>%1 of %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped (done before)</source>
        <translation>
            <numerusform>%n skipped (done before)</numerusform>
            <numerusform>%n skipped (done before)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n annotation</numerusform>
            <numerusform>%n annotations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ChangeShapes</name>
    <message numerus="yes">
        <source>Combine %n polygon(s)</source>
        <translation>
            <numerusform>Combine %n polygon</numerusform>
            <numerusform>Combine %n polygons</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::DialogPrompts</name>
    <message numerus="yes">
        <source>%n image(s) already have annotations. Add the imported annotations to them, or replace theirs?</source>
        <translation>
            <numerusform>%n image already has annotations. Add the imported annotations to it, or replace its own?</numerusform>
            <numerusform>%n images already have annotations. Add the imported annotations to them, or replace theirs?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::FineTuneDialog</name>
    <message numerus="yes">
        <source>Images selected in the list (%n)</source>
        <translation>
            <numerusform>Image selected in the list (%n)</numerusform>
            <numerusform>Images selected in the list (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 training and %2 validation examples from %n image(s).</source>
        <translation>
            <numerusform>%1 training and %2 validation examples from %n image.</numerusform>
            <numerusform>%1 training and %2 validation examples from %n images.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListDock</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n unreadable</numerusform>
            <numerusform>%n unreadable</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListModel</name>
    <message numerus="yes">
        <source>%n shape(s)</source>
        <translation>
            <numerusform>%n shape</numerusform>
            <numerusform>%n shapes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>%n to review</numerusform>
            <numerusform>%n to review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::LabelsDock</name>
    <message numerus="yes">
        <source>Merge the %n selected label(s) into:</source>
        <translation>
            <numerusform>Merge the %n selected label into:</numerusform>
            <numerusform>Merge the %n selected labels into:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::MainWindow</name>
    <message numerus="yes">
        <source>Opened %n image(s) from %1</source>
        <translation>
            <numerusform>Opened %n image from %1</numerusform>
            <numerusform>Opened %n images from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n shape(s)</source>
        <translation>
            <numerusform>Copied %n shape</numerusform>
            <numerusform>Copied %n shapes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Label for %n selected shape(s):</source>
        <translation>
            <numerusform>Label for %n selected shape:</numerusform>
            <numerusform>Label for %n selected shapes:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Text of %n selected shape(s):</source>
        <translation>
            <numerusform>Text of %n selected shape:</numerusform>
            <numerusform>Text of %n selected shapes:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ModelPickerDialog</name>
    <message numerus="yes">
        <source>%n Florence-2 model(s) in the Hugging Face cache (%1) and the added folders.</source>
        <translation>
            <numerusform>%n Florence-2 model in the Hugging Face cache (%1) and the added folders.</numerusform>
            <numerusform>%n Florence-2 models in the Hugging Face cache (%1) and the added folders.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ModelSession</name>
    <message numerus="yes">
        <source>Cancelled: the model stopped %1 ms later, after %n decoding step(s)</source>
        <translation>
            <numerusform>Cancelled: the model stopped %1 ms later, after %n decoding step</numerusform>
            <numerusform>Cancelled: the model stopped %1 ms later, after %n decoding steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch stopped after %1 of %n image(s); start it again to resume</source>
        <translation>
            <numerusform>Batch stopped after %1 of %n image; start it again to resume</numerusform>
            <numerusform>Batch stopped after %1 of %n images; start it again to resume</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch finished: %1 of %n image(s) processed, %2 skipped, %3 failed</source>
        <translation>
            <numerusform>Batch finished: %1 of %n image processed, %2 skipped, %3 failed</numerusform>
            <numerusform>Batch finished: %1 of %n images processed, %2 skipped, %3 failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 on %n region(s)</source>
        <translation>
            <numerusform>%1 on %n region</numerusform>
            <numerusform>%1 on %n regions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: answers attached to %n region(s)</source>
        <translation>
            <numerusform>%1: answer attached to %n region</numerusform>
            <numerusform>%1: answers attached to %n regions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n shape(s)</source>
        <translation>
            <numerusform>%1: %n shape</numerusform>
            <numerusform>%1: %n shapes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n text(s) in the Captions panel</source>
        <translation>
            <numerusform>, %n text in the Captions panel</numerusform>
            <numerusform>, %n texts in the Captions panel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n tile(s) answered up to the limit of %1 tokens, so their answers are probably cut short. Use smaller tiles (Tiles ▸ Tile size or a finer grid) or raise max tokens.</source>
        <translation>
            <numerusform>⚠ %n tile answered up to the limit of %1 tokens, so its answer is probably cut short. Use smaller tiles (Tiles ▸ Tile size or a finer grid) or raise max tokens.</numerusform>
            <numerusform>⚠ %n tiles answered up to the limit of %1 tokens, so their answers are probably cut short. Use smaller tiles (Tiles ▸ Tile size or a finer grid) or raise max tokens.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::MoveShapes</name>
    <message numerus="yes">
        <source>Move %n shape(s)</source>
        <translation>
            <numerusform>Move %n shape</numerusform>
            <numerusform>Move %n shapes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::PlotsDock</name>
    <message numerus="yes">
        <source>%1 of %n scored shape(s) shown (threshold %2)</source>
        <translation>
            <numerusform>%1 of %n scored shape shown (threshold %2)</numerusform>
            <numerusform>%1 of %n scored shapes shown (threshold %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last run: %1 ms total · %n token(s) at %2 tokens/s</source>
        <translation>
            <numerusform>Last run: %1 ms total · %n token at %2 tokens/s</numerusform>
            <numerusform>Last run: %1 ms total · %n tokens at %2 tokens/s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch: %n image(s), %1 images/min on average</source>
        <translation>
            <numerusform>Batch: %n image, %1 images/min on average</numerusform>
            <numerusform>Batch: %n images, %1 images/min on average</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ProjectController</name>
    <message numerus="yes">
        <source>%n new image(s) found since the project was saved</source>
        <translation>
            <numerusform>%n new image found since the project was saved</numerusform>
            <numerusform>%n new images found since the project was saved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labelme file(s) could not be written:</source>
        <translation>
            <numerusform>%n labelme file could not be written:</numerusform>
            <numerusform>%n labelme files could not be written:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n labelme file(s)</source>
        <translation>
            <numerusform>Exported %n labelme file</numerusform>
            <numerusform>Exported %n labelme files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotated image(s) of the file are not part of this project and were skipped: %1</source>
        <translation>
            <numerusform>%n annotated image of the file is not part of this project and was skipped: %1</numerusform>
            <numerusform>%n annotated images of the file are not part of this project and were skipped: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n annotation(s)</source>
        <translation>
            <numerusform>Import %n annotation</numerusform>
            <numerusform>Import %n annotations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n annotation(s) into %1 image(s)</source>
        <translation>
            <numerusform>Imported %n annotation into %1 image(s)</numerusform>
            <numerusform>Imported %n annotations into %1 image(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were skipped:</source>
        <translation>
            <numerusform>%n file could not be read and was skipped:</numerusform>
            <numerusform>%n files could not be read and were skipped:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotated image(s) could not be read, so their width and height are 0 in %1:
%2</source>
        <translation>
            <numerusform>%n annotated image could not be read, so its width and height are 0 in %1:
%2</numerusform>
            <numerusform>%n annotated images could not be read, so their width and height are 0 in %1:
%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) not yet accepted were left out</source>
        <translation>
            <numerusform>%n suggestion not yet accepted was left out</numerusform>
            <numerusform>%n suggestions not yet accepted were left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) as %1 into %2.</source>
        <translation>
            <numerusform>Exported %n image as %1 into %2.</numerusform>
            <numerusform>Exported %n images as %1 into %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) written.</source>
        <translation>
            <numerusform>%n object written.</numerusform>
            <numerusform>%n objects written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) the format cannot hold were left out; the details say what and why.</source>
        <translation>
            <numerusform>%n item the format cannot hold was left out; the details say what and why.</numerusform>
            <numerusform>%n items the format cannot hold were left out; the details say what and why.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be read and were left out:</source>
        <translation>
            <numerusform>%n image could not be read and was left out:</numerusform>
            <numerusform>%n images could not be read and were left out:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) into %1</source>
        <translation>
            <numerusform>Exported %n image into %1</numerusform>
            <numerusform>Exported %n images into %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::RemoveShapes</name>
    <message numerus="yes">
        <source>Delete %n shape(s)</source>
        <translation>
            <numerusform>Delete %n shape</numerusform>
            <numerusform>Delete %n shapes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::RenameLabel</name>
    <message numerus="yes">
        <source>Merge %n label(s) into &quot;%1&quot;</source>
        <translation>
            <numerusform>Merge %n label into &quot;%1&quot;</numerusform>
            <numerusform>Merge %n labels into &quot;%1&quot;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ReviewController</name>
    <message numerus="yes">
        <source>%n suggestion(s) to review</source>
        <translation>
            <numerusform>%n suggestion to review</numerusform>
            <numerusform>%n suggestions to review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n on this image)</source>
        <translation>
            <numerusform>(%n on this image)</numerusform>
            <numerusform>(%n on this image)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ReviewSuggestions</name>
    <message numerus="yes">
        <source>Accept %n suggestion(s)</source>
        <translation>
            <numerusform>Accept %n suggestion</numerusform>
            <numerusform>Accept %n suggestions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n suggestion(s)</source>
        <translation>
            <numerusform>Reject %n suggestion</numerusform>
            <numerusform>Reject %n suggestions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::SetShapeLabel</name>
    <message numerus="yes">
        <source>Set label of %n shape(s) to &quot;%1&quot;</source>
        <translation>
            <numerusform>Set label of %n shape to &quot;%1&quot;</numerusform>
            <numerusform>Set label of %n shapes to &quot;%1&quot;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::SetShapeText</name>
    <message numerus="yes">
        <source>Edit text of %n shape(s)</source>
        <translation>
            <numerusform>Edit text of %n shape</numerusform>
            <numerusform>Edit text of %n shapes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::TaskDock</name>
    <message numerus="yes">
        <source>Runs on the %n selected shape(s); the answer is attached to each.</source>
        <translation>
            <numerusform>Runs on the %n selected shape; the answer is attached to it.</numerusform>
            <numerusform>Runs on the %n selected shapes; the answer is attached to each.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Decoding: %n token(s)</source>
        <translation>
            <numerusform>Decoding: %n token</numerusform>
            <numerusform>Decoding: %n tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images together · </source>
        <translation>
            <numerusform>%n image together · </numerusform>
            <numerusform>%n images together · </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::TextDock</name>
    <message numerus="yes">
        <source>%n shapes selected</source>
        <translation>
            <numerusform>%n shape selected</numerusform>
            <numerusform>%n shapes selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::TrainingDock</name>
    <message numerus="yes">
        <source>Trained %n step(s) in %1 s (%2 examples/s); the model is in %3</source>
        <translation>
            <numerusform>Trained %n step in %1 s (%2 examples/s); the model is in %3</numerusform>
            <numerusform>Trained %n steps in %1 s (%2 examples/s); the model is in %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n step(s); nothing was saved</source>
        <translation>
            <numerusform>Cancelled after %n step; nothing was saved</numerusform>
            <numerusform>Cancelled after %n steps; nothing was saved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) skipped: %1</source>
        <translation>
            <numerusform>%n example skipped: %1</numerusform>
            <numerusform>%n examples skipped: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::TrainingRunner</name>
    <message numerus="yes">
        <source>Training on %n example(s); the first step also computes the image features…</source>
        <translation>
            <numerusform>Training on %n example; the first step also computes the image features…</numerusform>
            <numerusform>Training on %n examples; the first step also computes the image features…</numerusform>
        </translation>
    </message>
</context>
</TS>
