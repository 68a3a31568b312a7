<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>florence::ui::AddAnnotations</name>
    <message numerus="yes">
        <source>Add %n annotation(s)</source>
        <translation>
            <numerusform>添加 %n 个标注</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::BatchDock</name>
    <message>
        <source>Batch</source>
        <translation>批处理</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>所有图像</translation>
    </message>
    <message>
        <source>Selected images</source>
        <translation>选中的图像</translation>
    </message>
    <message>
        <source>The images selected in the image list (Ctrl+click, Shift+click)</source>
        <translation>在图像列表中选中的图像（Ctrl+单击、Shift+单击）</translation>
    </message>
    <message>
        <source>Run again on images already done</source>
        <translation>对已处理的图像重新运行</translation>
    </message>
    <message>
        <source>Without this, images on which this job already ran are skipped (resume)</source>
        <translation>不勾选时，跳过已运行过此任务的图像（断点续跑）</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Images that failed; the others went on</source>
        <translation>失败的图像；其余图像继续处理</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s)</source>
        <translation>
            <numerusform>%1 / %n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped (done before)</source>
        <translation>
            <numerusform>跳过 %n 张（之前已完成）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 张失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n 个标注</numerusform>
        </translation>
    </message>
    <message>
        <source>elapsed %1</source>
        <translation>已用 %1</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Images that go through the model together (as florence-cli annotate --batch-size). The answers are the same for every size; larger sizes finish long answers sooner and need more memory, so the size is lowered when it would not fit. With Tiles, images of more than one tile run one at a time.</source>
        <translation>一起送入模型的图像数（同 florence-cli annotate --batch-size）。任何批大小的结果都相同；较大的批能更快完成长回答，但需要更多内存，内存不足时会自动调小。启用分块时，多于一个分块的图像逐张运行。</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>Batch size %1</source>
        <translation>批大小 %1</translation>
    </message>
    <message>
        <source>Batch size %1, lowered from %2 to fit in memory</source>
        <translation>批大小 %1（为适应内存由 %2 调小）</translation>
    </message>
    <message>
        <source>estimated %1 beyond the model, %2 available</source>
        <translation>模型之外预计需要 %1，可用 %2</translation>
    </message>
    <message>
        <source>estimated %1 beyond the model, available memory unknown</source>
        <translation>模型之外预计需要 %1，可用内存未知</translation>
    </message>
    <message>
        <source>images of more than one tile run tiled, one at a time</source>
        <translation>多于一个分块的图像分块逐张运行</translation>
    </message>
</context>
<context>
    <name>florence::ui::BatchRunner</name>
    <message>
        <source>A batch is already running.</source>
        <translation>已有批处理正在运行。</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>未加载模型。</translation>
    </message>
    <message>
        <source>The model is busy; wait for the current run or cancel it.</source>
        <translation>模型正忙；请等待当前运行结束或将其取消。</translation>
    </message>
    <message>
        <source>This job cannot run on whole images: %1</source>
        <translation>此任务无法在整张图像上运行：%1</translation>
    </message>
</context>
<context>
    <name>florence::ui::CanvasScene</name>
    <message>
        <source>A quad always has four vertices; delete the whole shape instead.</source>
        <translation>四边形始终有四个顶点；请改为删除整个形状。</translation>
    </message>
    <message>
        <source>A polygon ring needs at least three vertices.</source>
        <translation>多边形的环至少需要三个顶点。</translation>
    </message>
    <message>
        <source>Nothing is selected.</source>
        <translation>未选择任何内容。</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>label conflict</source>
        <translation>标签冲突</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>florence::ui::ChangeShapes</name>
    <message numerus="yes">
        <source>Combine %n polygon(s)</source>
        <translation>
            <numerusform>合并 %n 个多边形</numerusform>
        </translation>
    </message>
    <message>
        <source>Add rings</source>
        <translation>添加环</translation>
    </message>
</context>
<context>
    <name>florence::ui::CustomTaskPanel</name>
    <message>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>Boxes with labels</source>
        <translation>带标签的框</translation>
    </message>
    <message>
        <source>Text lines (quads)</source>
        <translation>文本行（四边形）</translation>
    </message>
    <message>
        <source>Polygons</source>
        <translation>多边形</translation>
    </message>
    <message>
        <source>Boxes or polygons</source>
        <translation>框或多边形</translation>
    </message>
    <message>
        <source>Custom task</source>
        <translation>自定义任务</translation>
    </message>
    <message>
        <source>For fine-tunes with their own prompts (DocVQA, &lt;ANALYZE&gt;, …): the prompt is sent as it is and the answer is read with the chosen parser. Presets are saved per model folder.</source>
        <translation>用于带有自有提示词的微调模型（DocVQA、&lt;ANALYZE&gt;、…）：提示词按原样发送，回答用所选的解析方式读取。预设按模型文件夹保存。</translation>
    </message>
    <message>
        <source>Prompt, e.g. &lt;DocVQA&gt;What is the total?</source>
        <translation>提示词，例如 &lt;DocVQA&gt;What is the total?</translation>
    </message>
    <message>
        <source>How the answer becomes annotations</source>
        <translation>回答如何转换为标注</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the prompt and parser as a named preset of this model folder</source>
        <translation>将提示词和解析方式保存为此模型文件夹的命名预设</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the custom prompt on the current image</source>
        <translation>在当前图像上运行自定义提示词</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>提示词：</translation>
    </message>
    <message>
        <source>Parser:</source>
        <translation>解析方式：</translation>
    </message>
    <message>
        <source>(unsaved)</source>
        <translation>（未保存）</translation>
    </message>
    <message>
        <source>Presets not available: %1</source>
        <translation>预设不可用：%1</translation>
    </message>
    <message>
        <source>load a model first: presets belong to a model folder</source>
        <translation>请先加载模型：预设属于某个模型文件夹</translation>
    </message>
    <message>
        <source>Could not save the preset: %1</source>
        <translation>无法保存预设：%1</translation>
    </message>
    <message>
        <source>Could not delete the preset: %1</source>
        <translation>无法删除预设：%1</translation>
    </message>
    <message>
        <source>Save Custom Task</source>
        <translation>保存自定义任务</translation>
    </message>
    <message>
        <source>Preset name:</source>
        <translation>预设名称：</translation>
    </message>
</context>
<context>
    <name>florence::ui::DatasetExportDialog</name>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>Writes: %1</source>
        <translation>写入：%1</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>Export into Folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Variant:</source>
        <translation>变体：</translation>
    </message>
    <message>
        <source>No split (everything in train)</source>
        <translation>不拆分（全部放入 train）</translation>
    </message>
    <message>
        <source>By ratio, shuffled with a fixed seed</source>
        <translation>按比例，以固定种子打乱</translation>
    </message>
    <message>
        <source>By folder (train/, val/, test/)</source>
        <translation>按文件夹（train/、val/、test/）</translation>
    </message>
    <message>
        <source>train</source>
        <translation>train</translation>
    </message>
    <message>
        <source>val</source>
        <translation>val</translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>拆分：</translation>
    </message>
    <message>
        <source>Ratios:</source>
        <translation>比例：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>Copy the images into the export (hard links where possible)</source>
        <translation>将图像复制到导出中（尽可能使用硬链接）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>florence::ui::DialogPrompts</name>
    <message>
        <source>Project not saved</source>
        <translation>项目未保存</translation>
    </message>
    <message>
        <source>Choose Location…</source>
        <translation>选择位置…</translation>
    </message>
    <message>
        <source>Keep in Memory</source>
        <translation>保留在内存中</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Florence Studio projects (*.json)</source>
        <translation>Florence Studio 项目 (*.json)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) already have annotations. Add the imported annotations to them, or replace theirs?</source>
        <translation>
            <numerusform>%n 张图像已有标注。要将导入的标注添加进去，还是替换现有标注？</numerusform>
        </translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
</context>
<context>
    <name>florence::ui::DownloadDialog</name>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Download a Model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <source>0.23 B parameters, about 0.5 GB</source>
        <translation>0.23B 参数，约 0.5 GB</translation>
    </message>
    <message>
        <source>0.77 B parameters, about 1.5 GB</source>
        <translation>0.77B 参数，约 1.5 GB</translation>
    </message>
    <message>
        <source>base, fine-tuned on the downstream tasks</source>
        <translation>base，在下游任务上微调</translation>
    </message>
    <message>
        <source>large, fine-tuned on the downstream tasks</source>
        <translation>large，在下游任务上微调</translation>
    </message>
    <message>
        <source>base in the transformers-native layout</source>
        <translation>base，transformers 原生布局</translation>
    </message>
    <message>
        <source>large in the transformers-native layout</source>
        <translation>large，transformers 原生布局</translation>
    </message>
    <message>
        <source>ORG/NAME</source>
        <translation>ORG/NAME</translation>
    </message>
    <message>
        <source>A Florence-2 repository of the Hugging Face hub: pick one or type ORG/NAME</source>
        <translation>Hugging Face Hub 上的 Florence-2 仓库：从列表中选择或输入 ORG/NAME</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the download; starting it again resumes where it stopped</source>
        <translation>停止下载；再次开始时从停止处继续</translation>
    </message>
    <message>
        <source>Load the Model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Into the Hugging Face cache %1 (shared with Python tools)</source>
        <translation>下载到 Hugging Face 缓存 %1（与 Python 工具共用）</translation>
    </message>
    <message>
        <source>From the mirror %1 (HF_ENDPOINT)</source>
        <translation>来自镜像 %1（HF_ENDPOINT）</translation>
    </message>
    <message>
        <source>With the token of HF_TOKEN (gated and private repositories)</source>
        <translation>使用 HF_TOKEN 中的令牌（受限和私有仓库）</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>%1 · %2 of %3 · %4 · %5 left</source>
        <translation>%1 · %2 / %3 · %4 · 剩余 %5</translation>
    </message>
    <message>
        <source>unknown size</source>
        <translation>大小未知</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>正在下载 %1…</translation>
    </message>
    <message>
        <source>Downloaded %1 (%2 transferred, %3 already there) into %4</source>
        <translation>已将 %1 下载到 %4（传输 %2，已有 %3）</translation>
    </message>
    <message>
        <source>Stopped. The part downloaded so far is kept: Resume continues from there.</source>
        <translation>已停止。已下载的部分会保留：“继续”将从该处接着下载。</translation>
    </message>
    <message>
        <source>Could not download %1:
%2</source>
        <translation>无法下载 %1：
%2</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>florence::ui::DragHandle</name>
    <message>
        <source>Resize box</source>
        <translation>调整矩形框大小</translation>
    </message>
    <message>
        <source>Move vertex</source>
        <translation>移动顶点</translation>
    </message>
</context>
<context>
    <name>florence::ui::ErrorText</name>
    <message>
        <source>This image file cannot be opened.</source>
        <translation>无法打开此图像文件。</translation>
    </message>
    <message>
        <source>Loading this image was stopped.</source>
        <translation>此图像的加载已停止。</translation>
    </message>
    <message>
        <source>This image cannot be shown because of an internal error.</source>
        <translation>由于内部错误，无法显示此图像。</translation>
    </message>
    <message>
        <source>This image cannot be read.</source>
        <translation>无法读取此图像。</translation>
    </message>
    <message>
        <source>The model folder cannot be loaded: its files are incomplete or not a Florence-2 model.</source>
        <translation>无法加载模型文件夹：其文件不完整，或不是 Florence-2 模型。</translation>
    </message>
    <message>
        <source>The model files cannot be read.</source>
        <translation>无法读取模型文件。</translation>
    </message>
    <message>
        <source>Loading the model was stopped.</source>
        <translation>模型加载已停止。</translation>
    </message>
    <message>
        <source>The model cannot be loaded because of an internal error.</source>
        <translation>由于内部错误，无法加载模型。</translation>
    </message>
    <message>
        <source>The model folder cannot be loaded.</source>
        <translation>无法加载模型文件夹。</translation>
    </message>
    <message>
        <source>The run failed: the image or the task&apos;s input cannot be used.</source>
        <translation>运行失败：无法使用该图像或任务的输入。</translation>
    </message>
    <message>
        <source>The run failed: the model cannot run this task.</source>
        <translation>运行失败：该模型无法执行此任务。</translation>
    </message>
    <message>
        <source>The run failed: a file cannot be read.</source>
        <translation>运行失败：无法读取某个文件。</translation>
    </message>
    <message>
        <source>The run was stopped.</source>
        <translation>运行已停止。</translation>
    </message>
    <message>
        <source>The run failed because of an internal error.</source>
        <translation>由于内部错误，运行失败。</translation>
    </message>
    <message>
        <source>The file cannot be read: its contents are not valid.</source>
        <translation>无法读取该文件：其内容无效。</translation>
    </message>
    <message>
        <source>Reading the file was stopped.</source>
        <translation>文件读取已停止。</translation>
    </message>
    <message>
        <source>The file cannot be read because of an internal error.</source>
        <translation>由于内部错误，无法读取该文件。</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <source>The file cannot be written: the data does not fit the format.</source>
        <translation>无法写入该文件：数据不符合该格式。</translation>
    </message>
    <message>
        <source>Writing the file was stopped.</source>
        <translation>文件写入已停止。</translation>
    </message>
    <message>
        <source>The file cannot be written because of an internal error.</source>
        <translation>由于内部错误，无法写入该文件。</translation>
    </message>
    <message>
        <source>The file cannot be written.</source>
        <translation>无法写入该文件。</translation>
    </message>
    <message>
        <source>The training failed: the examples cannot be used.</source>
        <translation>训练失败：无法使用这些样本。</translation>
    </message>
    <message>
        <source>The training failed: this model cannot be trained.</source>
        <translation>训练失败：无法训练此模型。</translation>
    </message>
    <message>
        <source>The training failed: a file cannot be read or written.</source>
        <translation>训练失败：无法读取或写入某个文件。</translation>
    </message>
    <message>
        <source>The training was stopped.</source>
        <translation>训练已停止。</translation>
    </message>
    <message>
        <source>The training failed because of an internal error.</source>
        <translation>由于内部错误，训练失败。</translation>
    </message>
    <message>
        <source>The download failed: the model name is not valid.</source>
        <translation>下载失败：模型名称无效。</translation>
    </message>
    <message>
        <source>The download failed: the repository holds no usable Florence-2 model.</source>
        <translation>下载失败：该仓库中没有可用的 Florence-2 模型。</translation>
    </message>
    <message>
        <source>The download was stopped.</source>
        <translation>下载已停止。</translation>
    </message>
    <message>
        <source>The download failed because of an internal error.</source>
        <translation>由于内部错误，下载失败。</translation>
    </message>
    <message>
        <source>The download failed: a file could not be fetched, checked or stored.</source>
        <translation>下载失败：无法获取、校验或保存某个文件。</translation>
    </message>
    <message>
        <source>The operation failed.</source>
        <translation>操作失败。</translation>
    </message>
</context>
<context>
    <name>florence::ui::FileDialogs</name>
    <message>
        <source>Open Images</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Florence Studio projects (*.json)</source>
        <translation>Florence Studio 项目 (*.json)</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Export COCO</source>
        <translation>导出 COCO</translation>
    </message>
    <message>
        <source>COCO JSON (*.json)</source>
        <translation>COCO JSON (*.json)</translation>
    </message>
    <message>
        <source>Export labelme into Folder</source>
        <translation>将 labelme 导出到文件夹</translation>
    </message>
    <message>
        <source>Import COCO Instances</source>
        <translation>导入 COCO 实例</translation>
    </message>
    <message>
        <source>Import labelme Files</source>
        <translation>导入 labelme 文件</translation>
    </message>
    <message>
        <source>labelme JSON (*.json)</source>
        <translation>labelme JSON (*.json)</translation>
    </message>
    <message>
        <source>Import labelme Folder</source>
        <translation>导入 labelme 文件夹</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>There are no JSON files in %1.</source>
        <translation>%1 中没有 JSON 文件。</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Read the label files as:</source>
        <translation>将标签文件读取为：</translation>
    </message>
</context>
<context>
    <name>florence::ui::FineTuneDialog</name>
    <message>
        <source>Fine-tune the Model</source>
        <translation>微调模型</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Reviewed images</source>
        <translation>已审核的图像</translation>
    </message>
    <message>
        <source>All annotated images</source>
        <translation>所有已标注的图像</translation>
    </message>
    <message numerus="yes">
        <source>Images selected in the list (%n)</source>
        <translation>
            <numerusform>列表中选中的图像（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Tasks to learn</source>
        <translation>要学习的任务</translation>
    </message>
    <message>
        <source>Peak learning rate (AdamW, linear decay); 1e-6 is the usual choice for base and large</source>
        <translation>峰值学习率（AdamW，线性衰减）；base 和 large 通常取 1e-6</translation>
    </message>
    <message>
        <source>Vision tower (faster: its output is computed once per image)</source>
        <translation>视觉塔（更快：其输出每张图像只计算一次）</translation>
    </message>
    <message>
        <source>Nothing (train every weight)</source>
        <translation>不冻结（训练所有权重）</translation>
    </message>
    <message>
        <source>Share of the images held out for the validation loss after each epoch</source>
        <translation>留出的图像比例，用于在每轮训练后计算验证损失</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Freeze:</source>
        <translation>冻结：</translation>
    </message>
    <message>
        <source>Validation:</source>
        <translation>验证集：</translation>
    </message>
    <message>
        <source>Save the new model in:</source>
        <translation>新模型保存到：</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Fine-tune %1 on this project&apos;s annotations.</source>
        <translation>用此项目的标注微调 %1。</translation>
    </message>
    <message>
        <source>Folder for the New Model</source>
        <translation>新模型的文件夹</translation>
    </message>
    <message>
        <source>Cannot make training examples: %1</source>
        <translation>无法生成训练样本：%1</translation>
    </message>
    <message>
        <source>No examples: no reviewed image has annotations for the chosen tasks (Ctrl+R marks an image as reviewed), or choose all annotated images.</source>
        <translation>没有样本：没有已审核的图像包含所选任务的标注（Ctrl+R 可将图像标记为已审核），或者改选所有已标注的图像。</translation>
    </message>
    <message>
        <source>No examples: none of these images has annotations for the chosen tasks.</source>
        <translation>没有样本：这些图像都不包含所选任务的标注。</translation>
    </message>
    <message numerus="yes">
        <source>%1 training and %2 validation examples from %n image(s).</source>
        <translation>
            <numerusform>来自 %n 张图像的 %1 个训练样本和 %2 个验证样本。</numerusform>
        </translation>
    </message>
    <message>
        <source>The learning rate is not a positive number.</source>
        <translation>学习率不是正数。</translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListDelegate</name>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListDock</name>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 annotated</source>
        <translation>%1 张已标注</translation>
    </message>
    <message>
        <source>%1 reviewed</source>
        <translation>%1 张已审核</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n 张无法读取</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListModel</name>
    <message>
        <source>No annotations</source>
        <translation>无标注</translation>
    </message>
    <message>
        <source>Pre-annotated</source>
        <translation>已预标注</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message numerus="yes">
        <source>%n shape(s)</source>
        <translation>
            <numerusform>%n 个形状</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>%n 个待审核</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::InferenceResult</name>
    <message>
        <source>Run %1 of %2</source>
        <translation>第 %1 次运行，共 %2 次</translation>
    </message>
    <message>
        <source>Prompt: %1</source>
        <translation>提示词：%1</translation>
    </message>
    <message>
        <source>Tile %1 of %2 (%3 × %4 px)</source>
        <translation>第 %1/%2 块（%3 × %4 像素）</translation>
    </message>
    <message>
        <source>cut at max tokens</source>
        <translation>在最大 token 数处截断</translation>
    </message>
</context>
<context>
    <name>florence::ui::InsertVertex</name>
    <message>
        <source>Insert vertex</source>
        <translation>插入顶点</translation>
    </message>
</context>
<context>
    <name>florence::ui::LabelDialog</name>
    <message>
        <source>Label:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Change Label</source>
        <translation>更改标签</translation>
    </message>
</context>
<context>
    <name>florence::ui::LabelsDock</name>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>合并…</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Untick a label to hide its shapes. Double-click to use it for new shapes.</source>
        <translation>取消勾选某个标签即可隐藏其形状。双击可将其用作新形状的标签。</translation>
    </message>
    <message>
        <source>Rename the selected label in the whole project</source>
        <translation>在整个项目中重命名所选标签</translation>
    </message>
    <message>
        <source>Merge the selected labels into one</source>
        <translation>将所选标签合并为一个</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>（无标签）</translation>
    </message>
    <message>
        <source>Rename Label</source>
        <translation>重命名标签</translation>
    </message>
    <message>
        <source>New name for &quot;%1&quot; (an existing label merges the two):</source>
        <translation>“%1”的新名称（若为已有标签则合并两者）：</translation>
    </message>
    <message>
        <source>Merge Labels</source>
        <translation>合并标签</translation>
    </message>
    <message numerus="yes">
        <source>Merge the %n selected label(s) into:</source>
        <translation>
            <numerusform>将所选的 %n 个标签合并到：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::MainWindow</name>
    <message>
        <source>x %1, y %2</source>
        <translation>x %1, y %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Florence Studio</source>
        <translation>Florence Studio</translation>
    </message>
    <message>
        <source>&amp;Open Images…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>打开项目(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Project saved</source>
        <translation>项目已保存</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;COCO Instances and Captions…</source>
        <translation>COCO 实例和描述(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;labelme Files…</source>
        <translation>labelme 文件(&amp;L)…</translation>
    </message>
    <message>
        <source>labelme &amp;Folder…</source>
        <translation>labelme 文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;labelme Next to Images</source>
        <translation>labelme（写在图像旁边）(&amp;L)</translation>
    </message>
    <message>
        <source>labelme into &amp;Folder…</source>
        <translation>labelme（写入文件夹）(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Change &amp;Label…</source>
        <translation>更改标签(&amp;L)…</translation>
    </message>
    <message>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <source>Edit &amp;Text…</source>
        <translation>编辑文本(&amp;T)…</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Com&amp;bine Polygons</source>
        <translation>合并多边形(&amp;B)</translation>
    </message>
    <message>
        <source>Ctrl+G</source>
        <translation>Ctrl+G</translation>
    </message>
    <message>
        <source>Select two or more polygons to combine them into one instance.</source>
        <translation>请选择两个或更多多边形，将它们合并为一个实例。</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Show All &amp;Labels</source>
        <translation>显示所有标签(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>实际大小 (100 %)(&amp;A)</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>下一张图像(&amp;N)</translation>
    </message>
    <message>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>上一张图像(&amp;P)</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>&amp;First Image</source>
        <translation>第一张图像(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+Home</source>
        <translation>Ctrl+Home</translation>
    </message>
    <message>
        <source>&amp;Last Image</source>
        <translation>最后一张图像(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+End</source>
        <translation>Ctrl+End</translation>
    </message>
    <message>
        <source>&amp;Select and Edit</source>
        <translation>选择和编辑(&amp;S)</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>&amp;Box</source>
        <translation>矩形框(&amp;B)</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>&amp;Polygon</source>
        <translation>多边形(&amp;P)</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>&amp;Quad (Text Line)</source>
        <translation>四边形（文本行）(&amp;Q)</translation>
    </message>
    <message>
        <source>Q</source>
        <translation>Q</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Getting a model…</source>
        <translation>获取模型…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Florence Studio</source>
        <translation>关于 Florence Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About Florence Studio</source>
        <translation>关于 Florence Studio</translation>
    </message>
    <message>
        <source>&lt;b&gt;Florence Studio&lt;/b&gt; %1&lt;br&gt;Runs Microsoft&apos;s Florence-2 vision-language model locally and turns its answers into editable annotations.</source>
        <translation>&lt;b&gt;Florence Studio&lt;/b&gt; %1&lt;br&gt;在本地运行微软的 Florence-2 视觉语言模型，并将其输出转换为可编辑的标注。</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source> Label: </source>
        <translation> 标签： </translation>
    </message>
    <message>
        <source>Label given to new shapes</source>
        <translation>新形状使用的标签</translation>
    </message>
    <message>
        <source>label for new shapes</source>
        <translation>新形状的标签</translation>
    </message>
    <message numerus="yes">
        <source>Opened %n image(s) from %1</source>
        <translation>
            <numerusform>已从 %1 打开 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Cannot copy: %1</source>
        <translation>无法复制：%1</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n shape(s)</source>
        <translation>
            <numerusform>已复制 %n 个形状</numerusform>
        </translation>
    </message>
    <message>
        <source>Select shapes first.</source>
        <translation>请先选择形状。</translation>
    </message>
    <message numerus="yes">
        <source>Label for %n selected shape(s):</source>
        <translation>
            <numerusform>所选 %n 个形状的标签：</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit Text</source>
        <translation>编辑文本</translation>
    </message>
    <message numerus="yes">
        <source>Text of %n selected shape(s):</source>
        <translation>
            <numerusform>所选 %n 个形状的文本：</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — Florence Studio</source>
        <translation>%1 — Florence Studio</translation>
    </message>
    <message>
        <source>Image %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 像素</translation>
    </message>
    <message>
        <source>Not saved (no project file)</source>
        <translation>未保存（无项目文件）</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的更改</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>所有更改已保存</translation>
    </message>
    <message>
        <source>Your changes could not be saved (%1). Quit anyway and lose them?</source>
        <translation>无法保存您的更改（%1）。仍要退出并丢弃这些更改吗？</translation>
    </message>
    <message>
        <source>Getting a model</source>
        <translation>获取模型</translation>
    </message>
    <message>
        <source>The language changes when Florence Studio is started again.</source>
        <translation>语言将在下次启动 Florence Studio 时生效。</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <source>An operation failed and was abandoned: %1</source>
        <translation>某个操作失败，已放弃：%1</translation>
    </message>
    <message>
        <source>&amp;Accept Suggestion</source>
        <translation>接受建议(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reject Suggestion</source>
        <translation>拒绝建议(&amp;R)</translation>
    </message>
    <message>
        <source>Accept Above &amp;Threshold, Reject the Rest</source>
        <translation>接受高于阈值的建议，拒绝其余(&amp;T)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Backspace</source>
        <translation>Ctrl+Shift+Backspace</translation>
    </message>
    <message>
        <source>&amp;Next Suggestion</source>
        <translation>下一个建议(&amp;N)</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>&amp;Previous Suggestion</source>
        <translation>上一个建议(&amp;P)</translation>
    </message>
    <message>
        <source>Shift+N</source>
        <translation>Shift+N</translation>
    </message>
    <message>
        <source>Next Image with &amp;Suggestions</source>
        <translation>下一张有建议的图像(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Next Image &amp;without Annotations</source>
        <translation>下一张无标注的图像(&amp;W)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Off: model results become shapes at once, without review</source>
        <translation>关闭时：模型结果直接成为形状，无需审核</translation>
    </message>
    <message>
        <source>&amp;Hide Duplicate Suggestions</source>
        <translation>隐藏重复的建议(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <source>Prompt → &amp;Label Table…</source>
        <translation>提示词 → 标签对照表(&amp;L)…</translation>
    </message>
    <message>
        <source>Queue &amp;Order</source>
        <translation>审核顺序(&amp;O)</translation>
    </message>
    <message>
        <source>Lowest Score First</source>
        <translation>置信度最低的优先</translation>
    </message>
    <message>
        <source>By Image</source>
        <translation>按图像</translation>
    </message>
    <message>
        <source>By Label</source>
        <translation>按标签</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>Florence Studio needs a Florence-2 model folder in the Hugging Face layout (config.json, preprocessor_config.json, tokenizer files and model.safetensors or pytorch_model.bin), e.g. microsoft/Florence-2-base.

Model ▸ Download Model… fetches one into the Hugging Face cache (shared with Python tools); on the command line:
    florence-cli download base

Model ▸ Choose Model… lists the models found on this computer; Model ▸ Choose Model Folder… opens any folder; or start the app with --model DIR or FLORENCE_MODEL_DIR=DIR.</source>
        <translation>Florence Studio 需要 Hugging Face 布局的 Florence-2 模型文件夹（config.json、preprocessor_config.json、分词器文件以及 model.safetensors 或 pytorch_model.bin），例如 microsoft/Florence-2-base。

模型 ▸ 下载模型… 会将模型下载到 Hugging Face 缓存（与 Python 工具共享）；命令行：
    florence-cli download base

模型 ▸ 选择模型… 列出在此计算机上找到的模型；模型 ▸ 选择模型文件夹… 可打开任意文件夹；也可以用 --model DIR 或 FLORENCE_MODEL_DIR=DIR 启动应用。</translation>
    </message>
    <message>
        <source>Reject All Suggestions on This &amp;Image</source>
        <translation>拒绝此图像上的所有建议(&amp;I)</translation>
    </message>
    <message>
        <source>Next Image Not Re&amp;viewed</source>
        <translation>下一张未审核的图像(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Model Results Are Suggestions</source>
        <translation>模型结果作为建议(&amp;M)</translation>
    </message>
    <message>
        <source>Include Su&amp;bfolders</source>
        <translation>包含子文件夹(&amp;B)</translation>
    </message>
    <message>
        <source>Mark as Re&amp;viewed</source>
        <translation>标记为已审核(&amp;V)</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
</context>
<context>
    <name>florence::ui::ModelMenu</name>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>&amp;Choose Model Folder…</source>
        <translation>选择模型文件夹(&amp;C)…</translation>
    </message>
    <message>
        <source>Model &amp;Settings…</source>
        <translation>模型设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Model &amp;Information…</source>
        <translation>模型信息(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Run Task</source>
        <translation>运行任务(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <source>Choose a Florence-2 Model Folder</source>
        <translation>选择 Florence-2 模型文件夹</translation>
    </message>
    <message>
        <source>&lt;b&gt;Florence-2 %1&lt;/b&gt;&lt;br&gt;Folder: %2&lt;br&gt;Parameters: %3 (%4)&lt;br&gt;Weights: %5, declared dtype %6&lt;br&gt;Computing in %7 on %8&lt;br&gt;Loaded in %9 s</source>
        <translation>&lt;b&gt;Florence-2 %1&lt;/b&gt;&lt;br&gt;文件夹：%2&lt;br&gt;参数量：%3（%4）&lt;br&gt;权重：%5，声明的数据类型 %6&lt;br&gt;在 %8 上以 %7 计算&lt;br&gt;加载用时 %9 秒</translation>
    </message>
    <message>
        <source>Loader notes:</source>
        <translation>加载器说明：</translation>
    </message>
    <message>
        <source>Model Information</source>
        <translation>模型信息</translation>
    </message>
    <message>
        <source>Model ▸ Choose Model Folder…</source>
        <translation>模型 ▸ 选择模型文件夹…</translation>
    </message>
    <message>
        <source>No model loaded — %1</source>
        <translation>未加载模型 — %1</translation>
    </message>
    <message>
        <source>Loading the model from %1…</source>
        <translation>正在从 %1 加载模型…</translation>
    </message>
    <message>
        <source>Florence-2 %1 · %2 parameters · %3 · %4</source>
        <translation>Florence-2 %1 · %2 参数 · %3 · %4</translation>
    </message>
    <message>
        <source>Model not loaded (see the message) — %1</source>
        <translation>模型未加载（见提示信息）— %1</translation>
    </message>
    <message>
        <source>Choose &amp;Model…</source>
        <translation>选择模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Every Florence-2 model in the Hugging Face cache and in your folders</source>
        <translation>Hugging Face 缓存和您的文件夹中的所有 Florence-2 模型</translation>
    </message>
    <message>
        <source>&amp;Download Model…</source>
        <translation>下载模型(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Fine-tune…</source>
        <translation>微调(&amp;F)…</translation>
    </message>
    <message>
        <source>Train the loaded model on this project&apos;s reviewed annotations</source>
        <translation>用此项目已审核的标注训练已加载的模型</translation>
    </message>
    <message>
        <source>R&amp;eload Model</source>
        <translation>重新加载模型(&amp;E)</translation>
    </message>
    <message>
        <source>Cancel Ru&amp;n</source>
        <translation>取消运行(&amp;N)</translation>
    </message>
</context>
<context>
    <name>florence::ui::ModelPickerDialog</name>
    <message>
        <source>remote code</source>
        <translation>远程代码</translation>
    </message>
    <message>
        <source>native</source>
        <translation>原生</translation>
    </message>
    <message>
        <source>HF cache · %1 (main)</source>
        <translation>HF 缓存 · %1（main）</translation>
    </message>
    <message>
        <source>HF cache · %1</source>
        <translation>HF 缓存 · %1</translation>
    </message>
    <message>
        <source>Choose a Model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Also list the models in a folder (a model folder or a folder of model folders)</source>
        <translation>同时列出某个文件夹中的模型（模型文件夹，或包含多个模型文件夹的文件夹）</translation>
    </message>
    <message>
        <source>Remove Folder</source>
        <translation>移除文件夹</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Looking for Florence-2 models in %1…</source>
        <translation>正在 %1 中查找 Florence-2 模型…</translation>
    </message>
    <message>
        <source>Weights: %1</source>
        <translation>权重：%1</translation>
    </message>
    <message>
        <source>Cannot be loaded as it is: %1</source>
        <translation>无法直接加载：%1</translation>
    </message>
    <message>
        <source>%1 (loaded)</source>
        <translation>%1（已加载）</translation>
    </message>
    <message>
        <source>No Florence-2 model found in the Hugging Face cache (%1) or the added folders. Download one, or add the folder that holds yours.</source>
        <translation>在 Hugging Face 缓存（%1）和已添加的文件夹中未找到 Florence-2 模型。请下载一个，或添加存放您的模型的文件夹。</translation>
    </message>
    <message numerus="yes">
        <source>%n Florence-2 model(s) in the Hugging Face cache (%1) and the added folders.</source>
        <translation>
            <numerusform>Hugging Face 缓存（%1）和已添加的文件夹中共有 %n 个 Florence-2 模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a Folder with Florence-2 Models</source>
        <translation>添加包含 Florence-2 模型的文件夹</translation>
    </message>
</context>
<context>
    <name>florence::ui::ModelSession</name>
    <message>
        <source>Model loaded in %1 s</source>
        <translation>模型已加载，用时 %1 秒</translation>
    </message>
    <message>
        <source>Could not load the model from %1:
%2</source>
        <translation>无法从 %1 加载模型：
%2</translation>
    </message>
    <message>
        <source>Model not loaded</source>
        <translation>模型未加载</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: the model stopped %1 ms later, after %n decoding step(s)</source>
        <translation>
            <numerusform>已取消：模型在 %1 毫秒后停止，共解码 %n 步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch stopped after %1 of %n image(s); start it again to resume</source>
        <translation>
            <numerusform>批处理在 %1 / %n 张图像后停止；再次开始即可继续</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch finished: %1 of %n image(s) processed, %2 skipped, %3 failed</source>
        <translation>
            <numerusform>批处理完成：已处理 %1 / %n 张图像，跳过 %2 张，失败 %3 张</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, then segment each box</source>
        <translation>%1，然后分割每个框</translation>
    </message>
    <message>
        <source>%1, then describe each box</source>
        <translation>%1，然后描述每个框</translation>
    </message>
    <message>
        <source>Region tasks need a region per image; choose another task in the Model panel (or a chain: detect, then segment/describe).</source>
        <translation>区域任务需要每张图像上的一个区域；请在“模型”面板中选择其他任务（或链式任务：先检测，再分割/描述）。</translation>
    </message>
    <message>
        <source>Job (from the Model panel): %1</source>
        <translation>任务（来自“模型”面板）：%1</translation>
    </message>
    <message>
        <source>Load a model first: Model ▸ Choose Model Folder…</source>
        <translation>请先加载模型：模型 ▸ 选择模型文件夹…</translation>
    </message>
    <message>
        <source>A batch is running; pause or cancel it first.</source>
        <translation>批处理正在运行；请先暂停或取消。</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>请先打开一张图像。</translation>
    </message>
    <message>
        <source>%1 needs a region: draw a box or select shapes.</source>
        <translation>%1 需要一个区域：请绘制一个框或选择形状。</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>无法运行 %1：%2</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Select images in the image list first.</source>
        <translation>请先在图像列表中选择图像。</translation>
    </message>
    <message>
        <source>Open images first.</source>
        <translation>请先打开图像。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 ms in all · preprocess %2 · vision %3 · encoder %4 · decoding %5 ms (%6 tokens/s)</source>
        <translation>共 %1 毫秒 · 预处理 %2 · 视觉 %3 · 编码器 %4 · 解码 %5 毫秒（%6 token/秒）</translation>
    </message>
    <message numerus="yes">
        <source>%1 on %n region(s)</source>
        <translation>
            <numerusform>在 %n 个区域上运行 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: answers attached to %n region(s)</source>
        <translation>
            <numerusform>%1：答案已附加到 %n 个区域</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n shape(s)</source>
        <translation>
            <numerusform>%1：%n 个形状</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n text(s) in the Captions panel</source>
        <translation>
            <numerusform>，%n 段文本在“描述”面板中</numerusform>
        </translation>
    </message>
    <message>
        <source> in %1 s</source>
        <translation>，用时 %1 秒</translation>
    </message>
    <message>
        <source>The prompt table is empty: Review ▸ Prompt → Label Table…</source>
        <translation>提示词表为空：审核 ▸ 提示词 → 标签对照表…</translation>
    </message>
    <message>
        <source>Cannot run the custom task: %1</source>
        <translation>无法运行自定义任务：%1</translation>
    </message>
    <message>
        <source>Custom task “%1”</source>
        <translation>自定义任务“%1”</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n tile(s) answered up to the limit of %1 tokens, so their answers are probably cut short. Use smaller tiles (Tiles ▸ Tile size or a finer grid) or raise max tokens.</source>
        <translation>
            <numerusform>⚠ %n 个分块的回答达到了 %1 个 token 的上限，可能被截断。请使用更小的分块（分块 ▸ 分块大小或更细的网格）或提高最大 token 数。</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ The answer used all %1 tokens, so it is probably cut short (common for OCR of dense pages). Use Tiles to run the image in parts, or raise max tokens.</source>
        <translation>⚠ 回答用完了全部 %1 个 token，可能被截断（密集页面的 OCR 常见）。请用分块分部分处理图像，或提高最大 token 数。</translation>
    </message>
    <message>
        <source>The answer was cut at max tokens; try Tiles</source>
        <translation>回答在最大 token 数处被截断；请尝试分块</translation>
    </message>
</context>
<context>
    <name>florence::ui::ModelSettingsDialog</name>
    <message>
        <source>Model Settings</source>
        <translation>模型设置</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (GPU)</source>
        <translation>CUDA（GPU）</translation>
    </message>
    <message>
        <source>automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <source>Changing the device or the precision reloads the model.</source>
        <translation>更改设备或精度会重新加载模型。</translation>
    </message>
    <message>
        <source>This build of libtorch cannot use a GPU: CPU only. Changing the precision reloads the model.</source>
        <translation>此 libtorch 版本无法使用 GPU：仅支持 CPU。更改精度会重新加载模型。</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>CPU 线程数：</translation>
    </message>
    <message>
        <source>fp32 (as the reference)</source>
        <translation>fp32（与参考实现一致）</translation>
    </message>
    <message>
        <source>bf16 (less memory)</source>
        <translation>bf16（占用内存更少）</translation>
    </message>
    <message>
        <source>fp16 (GPU only)</source>
        <translation>fp16（仅 GPU）</translation>
    </message>
</context>
<context>
    <name>florence::ui::MoveShapes</name>
    <message numerus="yes">
        <source>Move %n shape(s)</source>
        <translation>
            <numerusform>移动 %n 个形状</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::NoModelPanel</name>
    <message>
        <source>Get a Florence-2 model</source>
        <translation>获取 Florence-2 模型</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <source>base, large or a fine-tune from the Hugging Face hub, into its cache</source>
        <translation>从 Hugging Face Hub 下载 base、large 或微调模型到其缓存</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>All Models…</source>
        <translation>所有模型…</translation>
    </message>
    <message>
        <source>Every model found, with sizes and layouts; add folders to search</source>
        <translation>列出找到的所有模型及其大小和布局；可添加要搜索的文件夹</translation>
    </message>
    <message>
        <source>Looking for models on this computer…</source>
        <translation>正在此计算机上查找模型…</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Florence Studio runs Florence-2 on this computer. These models are here already; load one, download another or open a model folder.</source>
        <translation>Florence Studio 在本机运行 Florence-2。以下模型已在本机上：加载其中一个、下载其他模型，或打开一个模型文件夹。</translation>
    </message>
    <message>
        <source>Florence Studio runs Florence-2 on this computer. No model was found in the Hugging Face cache (%1): download one (base is 0.5 GB) or open a model folder.</source>
        <translation>Florence Studio 在本机运行 Florence-2。在 Hugging Face 缓存（%1）中未找到模型：请下载一个（base 为 0.5 GB），或打开一个模型文件夹。</translation>
    </message>
</context>
<context>
    <name>florence::ui::PlotsDock</name>
    <message>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>score</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>preprocess</source>
        <translation>预处理</translation>
    </message>
    <message>
        <source>vision</source>
        <translation>视觉</translation>
    </message>
    <message>
        <source>encoder</source>
        <translation>编码器</translation>
    </message>
    <message>
        <source>decoding</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>seconds since the start</source>
        <translation>自开始以来的秒数</translation>
    </message>
    <message>
        <source>images per minute</source>
        <translation>每分钟图像数</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>（无标签）</translation>
    </message>
    <message>
        <source>No shapes yet</source>
        <translation>尚无形状</translation>
    </message>
    <message>
        <source>Shapes per label</source>
        <translation>每个标签的形状数</translation>
    </message>
    <message>
        <source>No scores (turn on “Confidence scores”)</source>
        <translation>没有置信度（请开启“置信度分数”）</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n scored shape(s) shown (threshold %2)</source>
        <translation>
            <numerusform>显示 %1 / %n 个带置信度的形状（阈值 %2）</numerusform>
        </translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message numerus="yes">
        <source>Last run: %1 ms total · %n token(s) at %2 tokens/s</source>
        <translation>
            <numerusform>上次运行：共 %1 毫秒 · %n 个 token，%2 token/秒</numerusform>
        </translation>
    </message>
    <message>
        <source> · vision cached</source>
        <translation> · 视觉特征来自缓存</translation>
    </message>
    <message>
        <source>No batch yet</source>
        <translation>尚无批处理</translation>
    </message>
    <message numerus="yes">
        <source>Batch: %n image(s), %1 images/min on average</source>
        <translation>
            <numerusform>批处理：%n 张图像，平均每分钟 %1 张</numerusform>
        </translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>No model suggestions yet</source>
        <translation>尚无模型建议</translation>
    </message>
    <message>
        <source>Suggestions: %1 accepted · %2 rejected · %3 pending</source>
        <translation>建议：已接受 %1 · 已拒绝 %2 · 待审核 %3</translation>
    </message>
    <message>
        <source>No scores of reviewed suggestions yet</source>
        <translation>尚无已审核建议的置信度</translation>
    </message>
    <message>
        <source>Scores: %1 accepted, %2 rejected (threshold %3)</source>
        <translation>置信度：已接受 %1，已拒绝 %2（阈值 %3）</translation>
    </message>
</context>
<context>
    <name>florence::ui::ProjectController</name>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cannot open folder</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <source>The folder %1 does not exist or cannot be read.</source>
        <translation>文件夹 %1 不存在或无法读取。</translation>
    </message>
    <message>
        <source>Cannot read the project file</source>
        <translation>无法读取项目文件</translation>
    </message>
    <message>
        <source>The project file %1 could not be read:
%2

The images are shown without its annotations and the file is left untouched. Use File ▸ Save Project As… to keep new work in another file.</source>
        <translation>无法读取项目文件 %1：
%2

图像将不带其标注显示，该文件保持不变。请使用 文件 ▸ 项目另存为… 将新的工作保存到其他文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n new image(s) found since the project was saved</source>
        <translation>
            <numerusform>自上次保存项目以来发现了 %n 张新图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>The project file %1 could not be read:
%2</source>
        <translation>无法读取项目文件 %1：
%2</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>The project could not be saved to %1:
%2</source>
        <translation>无法将项目保存到 %1：
%2</translation>
    </message>
    <message>
        <source>The project has no file it can be saved to (its file could not be read).</source>
        <translation>该项目没有可以保存到的文件（其项目文件无法读取）。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>The project could not be saved to %1:
%2

Your work is kept in memory. Choose another location for the project file.</source>
        <translation>无法将项目保存到 %1：
%2

您的工作仍保留在内存中。请为项目文件选择其他位置。</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The COCO export to %1 failed:
%2</source>
        <translation>导出 COCO 到 %1 失败：
%2</translation>
    </message>
    <message>
        <source>Exported COCO instances to %1 and captions to %2</source>
        <translation>已将 COCO 实例导出到 %1，描述导出到 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n labelme file(s) could not be written:</source>
        <translation>
            <numerusform>%n 个 labelme 文件无法写入：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n labelme file(s)</source>
        <translation>
            <numerusform>已导出 %n 个 labelme 文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotated image(s) of the file are not part of this project and were skipped: %1</source>
        <translation>
            <numerusform>文件中有 %n 张已标注的图像不属于此项目，已跳过：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported from %1.</source>
        <translation>未从 %1 导入任何内容。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message numerus="yes">
        <source>Import %n annotation(s)</source>
        <translation>
            <numerusform>导入 %n 个标注</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n annotation(s) into %1 image(s)</source>
        <translation>
            <numerusform>已将 %n 个标注导入 %1 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Nothing was imported; your annotations are unchanged.

%1</source>
        <translation>未导入任何内容；您的标注保持不变。

%1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were skipped:</source>
        <translation>
            <numerusform>%n 个文件无法读取，已跳过：</numerusform>
        </translation>
    </message>
    <message>
        <source>Export incomplete</source>
        <translation>导出不完整</translation>
    </message>
    <message numerus="yes">
        <source>%n annotated image(s) could not be read, so their width and height are 0 in %1:
%2</source>
        <translation>
            <numerusform>%n 张已标注的图像无法读取，因此它们在 %1 中的宽度和高度为 0：
%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) not yet accepted were left out</source>
        <translation>
            <numerusform>%n 个尚未接受的建议未包含在内</numerusform>
        </translation>
    </message>
    <message>
        <source>The export to %1 failed (the folder has no summary.txt, so it is not a complete export):
%2</source>
        <translation>导出到 %1 失败（该文件夹没有 summary.txt，因此不是完整的导出）：
%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) as %1 into %2.</source>
        <translation>
            <numerusform>已将 %n 张图像以 %1 格式导出到 %2。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) written.</source>
        <translation>
            <numerusform>已写入 %n 个对象。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) the format cannot hold were left out; the details say what and why.</source>
        <translation>
            <numerusform>有 %n 项该格式无法保存，已略去；详细信息中说明了内容和原因。</numerusform>
        </translation>
    </message>
    <message>
        <source>Please read the warnings in the details.</source>
        <translation>请阅读详细信息中的警告。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be read and were left out:</source>
        <translation>
            <numerusform>有 %n 张图像无法读取，已略去：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) into %1</source>
        <translation>
            <numerusform>已将 %n 张图像导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Summary</source>
        <translation>导出摘要</translation>
    </message>
    <message>
        <source>Not kept by the import:</source>
        <translation>导入时未保留：</translation>
    </message>
</context>
<context>
    <name>florence::ui::PromptTableDialog</name>
    <message>
        <source>Prompt → Label Table</source>
        <translation>提示词 → 标签对照表</translation>
    </message>
    <message>
        <source>Each row runs the task once with its prompt; what the model finds gets the row&apos;s label (empty: keep the model&apos;s words).</source>
        <translation>每一行用其提示词运行一次任务；模型找到的对象获得该行的标签（留空：保留模型的原词）。</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>&amp;Add Row</source>
        <translation>添加行(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove Row</source>
        <translation>删除行(&amp;R)</translation>
    </message>
    <message>
        <source>Save and &amp;Run on This Image</source>
        <translation>保存并在此图像上运行(&amp;R)</translation>
    </message>
    <message>
        <source>Row %1 repeats the prompt “%2”.</source>
        <translation>第 %1 行重复了提示词“%2”。</translation>
    </message>
</context>
<context>
    <name>florence::ui::RemoveShapes</name>
    <message numerus="yes">
        <source>Delete %n shape(s)</source>
        <translation>
            <numerusform>删除 %n 个形状</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::RemoveVertex</name>
    <message>
        <source>Delete vertex</source>
        <translation>删除顶点</translation>
    </message>
</context>
<context>
    <name>florence::ui::RenameLabel</name>
    <message>
        <source>Merge label &quot;%1&quot; into &quot;%2&quot;</source>
        <translation>将标签“%1”合并到“%2”</translation>
    </message>
    <message>
        <source>Rename label &quot;%1&quot; to &quot;%2&quot;</source>
        <translation>将标签“%1”重命名为“%2”</translation>
    </message>
    <message numerus="yes">
        <source>Merge %n label(s) into &quot;%1&quot;</source>
        <translation>
            <numerusform>将 %n 个标签合并到“%1”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ReplaceAnnotations</name>
    <message>
        <source>Replace annotations</source>
        <translation>替换标注</translation>
    </message>
</context>
<context>
    <name>florence::ui::ReplaceShape</name>
    <message>
        <source>Apply model result</source>
        <translation>应用模型结果</translation>
    </message>
</context>
<context>
    <name>florence::ui::ReviewController</name>
    <message>
        <source>Select a suggestion first (N walks through them).</source>
        <translation>请先选择一个建议（按 N 逐个浏览）。</translation>
    </message>
    <message>
        <source>All suggestions reviewed.</source>
        <translation>所有建议均已审核。</translation>
    </message>
    <message>
        <source>No suggestions to review.</source>
        <translation>没有待审核的建议。</translation>
    </message>
    <message>
        <source>That was the last suggestion.</source>
        <translation>这是最后一个建议。</translation>
    </message>
    <message>
        <source>That was the first suggestion.</source>
        <translation>这是第一个建议。</translation>
    </message>
    <message>
        <source>No other image has suggestions to review.</source>
        <translation>没有其他图像有待审核的建议。</translation>
    </message>
    <message>
        <source>Every other image has annotations.</source>
        <translation>其他所有图像都已有标注。</translation>
    </message>
    <message>
        <source>Every other image is reviewed.</source>
        <translation>其他所有图像均已审核。</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) to review</source>
        <translation>
            <numerusform>%n 个建议待审核</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n on this image)</source>
        <translation>
            <numerusform>（此图像上 %n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>the project&apos;s suggestions, then those of this image in brackets (no space before a full-width bracket)</comment>
        <translation>%1%2</translation>
    </message>
</context>
<context>
    <name>florence::ui::ReviewSuggestions</name>
    <message>
        <source>Accept %1, reject %2 suggestion(s)</source>
        <translation>接受 %1 个、拒绝 %2 个建议</translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestion(s)</source>
        <translation>
            <numerusform>接受 %n 个建议</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n suggestion(s)</source>
        <translation>
            <numerusform>拒绝 %n 个建议</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::SelectTool</name>
    <message>
        <source>Vertices can only be inserted into polygons; a quad always has four.</source>
        <translation>只能向多边形插入顶点；四边形始终有四个顶点。</translation>
    </message>
</context>
<context>
    <name>florence::ui::SetImageStatus</name>
    <message>
        <source>Mark as reviewed</source>
        <translation>标记为已审核</translation>
    </message>
    <message>
        <source>Mark as not reviewed</source>
        <translation>标记为未审核</translation>
    </message>
</context>
<context>
    <name>florence::ui::SetShapeLabel</name>
    <message numerus="yes">
        <source>Set label of %n shape(s) to &quot;%1&quot;</source>
        <translation>
            <numerusform>将 %n 个形状的标签设为“%1”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::SetShapeText</name>
    <message numerus="yes">
        <source>Edit text of %n shape(s)</source>
        <translation>
            <numerusform>编辑 %n 个形状的文本</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ShapeItem</name>
    <message>
        <source>(no label)</source>
        <translation>（无标签）</translation>
    </message>
    <message>
        <source>Score %1</source>
        <translation>置信度 %1</translation>
    </message>
    <message>
        <source>Suggestion (Enter accepts, Backspace rejects)</source>
        <translation>建议（回车接受，退格拒绝）</translation>
    </message>
    <message>
        <source>Drawn by hand</source>
        <translation>手动绘制</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1（来自 %2）</translation>
    </message>
    <message>
        <source>, then edited</source>
        <translation>，之后经过编辑</translation>
    </message>
    <message>
        <source>Prompt: %1</source>
        <translation>提示词：%1</translation>
    </message>
    <message>
        <source>Checkpoint %1</source>
        <translation>检查点 %1</translation>
    </message>
</context>
<context>
    <name>florence::ui::ShapeListDock</name>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>All shapes</source>
        <translation>所有形状</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>New suggestions</source>
        <translation>新建议</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复项</translation>
    </message>
    <message>
        <source>Label conflicts</source>
        <translation>标签冲突</translation>
    </message>
    <message>
        <source>Not found by model</source>
        <translation>模型未找到</translation>
    </message>
    <message>
        <source>Drawn by hand</source>
        <translation>手动绘制</translation>
    </message>
    <message>
        <source>Show only shapes from one model</source>
        <translation>仅显示来自某个模型的形状</translation>
    </message>
    <message>
        <source>Filter by label</source>
        <translation>按标签筛选</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>所有来源</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>（无标签）</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>suggestion, %1</source>
        <translation>建议，%1</translation>
    </message>
    <message>
        <source>Shapes (%1)</source>
        <translation>形状（%1）</translation>
    </message>
    <message>
        <source>box</source>
        <translation>矩形框</translation>
    </message>
    <message>
        <source>quad</source>
        <translation>四边形</translation>
    </message>
    <message>
        <source>polygon</source>
        <translation>多边形</translation>
    </message>
</context>
<context>
    <name>florence::ui::ShortcutSettings</name>
    <message>
        <source>%1 cancels drawing and clears the selection on the canvas.</source>
        <translation>%1 用于在画布上取消绘制并清除选择。</translation>
    </message>
    <message>
        <source>%1 + drag pans the canvas.</source>
        <translation>%1 + 拖动用于平移画布。</translation>
    </message>
    <message>
        <source>%1 moves the keyboard focus between panels.</source>
        <translation>%1 用于在面板之间移动键盘焦点。</translation>
    </message>
    <message>
        <source>%1 moves the selected shapes on the canvas.</source>
        <translation>%1 用于在画布上移动所选形状。</translation>
    </message>
    <message>
        <source>%1 is already the shortcut of “%2”.</source>
        <translation>%1 已是“%2”的快捷键。</translation>
    </message>
</context>
<context>
    <name>florence::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>画布</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <source>Zoom around the cursor</source>
        <translation>以光标为中心缩放</translation>
    </message>
    <message>
        <source>Middle button drag, or Space + drag</source>
        <translation>按住中键拖动，或按住空格键拖动</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移视图</translation>
    </message>
    <message>
        <source>Ctrl+click</source>
        <translation>Ctrl+单击</translation>
    </message>
    <message>
        <source>Add a shape to / remove it from the selection</source>
        <translation>将形状加入选择或从选择中移除</translation>
    </message>
    <message>
        <source>Drag on empty canvas</source>
        <translation>在画布空白处拖动</translation>
    </message>
    <message>
        <source>Rubber-band selection (Ctrl adds)</source>
        <translation>框选（按住 Ctrl 追加）</translation>
    </message>
    <message>
        <source>Double-click on a polygon edge</source>
        <translation>双击多边形的边</translation>
    </message>
    <message>
        <source>Insert a vertex</source>
        <translation>插入一个顶点</translation>
    </message>
    <message>
        <source>Click a vertex, then Delete</source>
        <translation>单击顶点，然后按 Delete</translation>
    </message>
    <message>
        <source>Delete that vertex</source>
        <translation>删除该顶点</translation>
    </message>
    <message>
        <source>Arrow keys (Shift: 10 px)</source>
        <translation>方向键（Shift：10 像素）</translation>
    </message>
    <message>
        <source>Move the selected shapes by 1 pixel</source>
        <translation>将所选形状移动 1 像素</translation>
    </message>
    <message>
        <source>Enter, double-click or right-click</source>
        <translation>回车、双击或右键单击</translation>
    </message>
    <message>
        <source>Finish a polygon</source>
        <translation>完成多边形</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>退格键</translation>
    </message>
    <message>
        <source>Remove the last polygon vertex</source>
        <translation>删除多边形的最后一个顶点</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Cancel drawing or dragging; clear the selection</source>
        <translation>取消绘制或拖动；清除选择</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Shift+拖动</translation>
    </message>
    <message>
        <source>Rubber-band selection starting anywhere, adding to the selection</source>
        <translation>可从任意位置开始的框选，并追加到当前选择</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Handled by the canvas; cannot be changed.</source>
        <translation>由画布处理；无法更改。</translation>
    </message>
    <message>
        <source>Filter by menu, action or key</source>
        <translation>按菜单、操作或按键筛选</translation>
    </message>
    <message>
        <source>Reset &amp;All to Defaults</source>
        <translation>全部恢复默认(&amp;A)</translation>
    </message>
    <message>
        <source>Every shortcut is back to its default.</source>
        <translation>所有快捷键均已恢复默认。</translation>
    </message>
    <message>
        <source>Click, then press the new keys</source>
        <translation>单击，然后按下新的按键</translation>
    </message>
    <message>
        <source>Remove this key</source>
        <translation>移除此按键</translation>
    </message>
    <message>
        <source>Key removed.</source>
        <translation>按键已移除。</translation>
    </message>
    <message>
        <source>Shortcut:</source>
        <translation>快捷键：</translation>
    </message>
    <message>
        <source>Alternative:</source>
        <translation>备用：</translation>
    </message>
    <message>
        <source>&amp;Reset to Default</source>
        <translation>恢复默认(&amp;R)</translation>
    </message>
    <message>
        <source>Default restored.</source>
        <translation>已恢复默认。</translation>
    </message>
    <message>
        <source>Default restored; its key was removed from %1.</source>
        <translation>已恢复默认；其按键已从 %1 中移除。</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>重新分配</translation>
    </message>
    <message>
        <source>Take the key from the other action and give it to this one</source>
        <translation>从另一个操作取走该按键并分配给此操作</translation>
    </message>
    <message>
        <source>%1 moved from “%2”.</source>
        <translation>%1 已从“%2”移到此处。</translation>
    </message>
    <message>
        <source>Keys of “%1”</source>
        <translation>“%1”的按键</translation>
    </message>
    <message>
        <source>Select an action to change its keys</source>
        <translation>选择一个操作以更改其按键</translation>
    </message>
    <message>
        <source>Saved. The new key works at once.</source>
        <translation>已保存。新按键立即生效。</translation>
    </message>
    <message>
        <source>Changed; the default is %1</source>
        <translation>已更改；默认为 %1</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>无按键</translation>
    </message>
</context>
<context>
    <name>florence::ui::TaskDock</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Nothing more</source>
        <translation>无后续</translation>
    </message>
    <message>
        <source>Segment each box</source>
        <translation>分割每个框</translation>
    </message>
    <message>
        <source>Describe each box</source>
        <translation>描述每个框</translation>
    </message>
    <message>
        <source>Run a region task on every detected box: a polygon or a description per object</source>
        <translation>对每个检测到的框运行区域任务：为每个对象生成多边形或描述</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>Then:</source>
        <translation>然后：</translation>
    </message>
    <message>
        <source>model default</source>
        <translation>模型默认值</translation>
    </message>
    <message>
        <source>Beam search width; more beams are slower and sometimes better</source>
        <translation>束搜索宽度；束越多越慢，有时效果更好</translation>
    </message>
    <message>
        <source>Longest answer, in tokens</source>
        <translation>最长回答（token 数）</translation>
    </message>
    <message>
        <source>Confidence scores</source>
        <translation>置信度分数</translation>
    </message>
    <message>
        <source>Give every box a score (mean probability of its location tokens)</source>
        <translation>为每个框给出分数（其位置 token 的平均概率）</translation>
    </message>
    <message>
        <source>max tokens:</source>
        <translation>最大 token：</translation>
    </message>
    <message>
        <source>Beams:</source>
        <translation>束数：</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the task on the current image (Ctrl+Return)</source>
        <translation>在当前图像上运行任务（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the run after the current decoding step (Model ▸ Cancel Run, Ctrl+.)</source>
        <translation>在当前解码步骤后停止运行（模型 ▸ 取消运行，Ctrl+.）</translation>
    </message>
    <message>
        <source>Detect + Segment</source>
        <translation>检测 + 分割</translation>
    </message>
    <message>
        <source>Object detection, then a polygon for each detected box</source>
        <translation>目标检测，然后为每个检测到的框生成多边形</translation>
    </message>
    <message>
        <source>Detect + Describe</source>
        <translation>检测 + 描述</translation>
    </message>
    <message>
        <source>Object detection, then a description for each detected box</source>
        <translation>目标检测，然后为每个检测到的框生成描述</translation>
    </message>
    <message>
        <source>Hide shapes whose score is below the threshold (shapes without a score always show)</source>
        <translation>隐藏置信度低于阈值的形状（没有置信度的形状始终显示）</translation>
    </message>
    <message>
        <source>Hide scores below</source>
        <translation>隐藏低于此置信度</translation>
    </message>
    <message>
        <source>Raw output of the last run</source>
        <translation>上次运行的原始输出</translation>
    </message>
    <message>
        <source>The text the model generated, special tokens included.</source>
        <translation>模型生成的文本，包含特殊 token。</translation>
    </message>
    <message>
        <source>(this task takes no text)</source>
        <translation>（此任务不需要文本）</translation>
    </message>
    <message numerus="yes">
        <source>Runs on the %n selected shape(s); the answer is attached to each.</source>
        <translation>
            <numerusform>在选中的 %n 个形状上运行；答案附加到各自的形状。</numerusform>
        </translation>
    </message>
    <message>
        <source>Draw a box or select shapes: the task runs on each selected region.</source>
        <translation>请绘制一个框或选择形状：任务将在每个选中的区域上运行。</translation>
    </message>
    <message>
        <source>Run %1 of %2 · </source>
        <translation>第 %1/%2 次运行 · </translation>
    </message>
    <message numerus="yes">
        <source>Decoding: %n token(s)</source>
        <translation>
            <numerusform>解码中：%n 个 token</numerusform>
        </translation>
    </message>
    <message>
        <source>Off (whole image at once)</source>
        <translation>关闭（一次处理整幅图像）</translation>
    </message>
    <message>
        <source>Auto (1024 px tiles)</source>
        <translation>自动（1024 像素分块）</translation>
    </message>
    <message>
        <source>Grid of N × M tiles</source>
        <translation>N × M 分块网格</translation>
    </message>
    <message>
        <source>Tile size</source>
        <translation>分块大小</translation>
    </message>
    <message>
        <source>Large images: run the task on overlapping tiles at full resolution and merge the answers (detection and OCR tasks)</source>
        <translation>大图像：在全分辨率的重叠分块上运行任务并合并回答（检测和 OCR 任务）</translation>
    </message>
    <message>
        <source>columns ×</source>
        <translation>列 ×</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Overlap between neighbouring tiles, so objects cut by one tile are whole in the next</source>
        <translation>相邻分块之间的重叠，使被一个分块切开的对象在下一个分块中完整</translation>
    </message>
    <message>
        <source>overlap</source>
        <translation>重叠</translation>
    </message>
    <message>
        <source>Also run the whole image</source>
        <translation>同时处理整幅图像</translation>
    </message>
    <message>
        <source>Catches objects larger than a tile; its shapes replace the cut pieces</source>
        <translation>捕获大于分块的对象；其形状替换被切开的部分</translation>
    </message>
    <message>
        <source>Tiles:</source>
        <translation>分块：</translation>
    </message>
    <message>
        <source>Large images: run the task on overlapping tiles at full resolution and merge the answers</source>
        <translation>大图像：在全分辨率的重叠分块上运行任务并合并回答</translation>
    </message>
    <message>
        <source>Only detection and OCR tasks on the whole image run tiled</source>
        <translation>只有针对整幅图像的检测和 OCR 任务可以分块运行</translation>
    </message>
    <message>
        <source>Tile %1 of %2 · </source>
        <translation>第 %1/%2 块 · </translation>
    </message>
    <message numerus="yes">
        <source>%n images together · </source>
        <translation>
            <numerusform>%n 张图像一起 · </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::TaskNames</name>
    <message>
        <source>Caption</source>
        <translation>图像描述</translation>
    </message>
    <message>
        <source>One-sentence caption of the whole image.</source>
        <translation>用一句话描述整张图像。</translation>
    </message>
    <message>
        <source>Detailed caption</source>
        <translation>详细描述</translation>
    </message>
    <message>
        <source>A few sentences describing the image.</source>
        <translation>用几句话描述图像。</translation>
    </message>
    <message>
        <source>More detailed caption</source>
        <translation>更详细的描述</translation>
    </message>
    <message>
        <source>A paragraph describing the image.</source>
        <translation>用一段话描述图像。</translation>
    </message>
    <message>
        <source>Object detection</source>
        <translation>目标检测</translation>
    </message>
    <message>
        <source>Boxes with a category name for each object.</source>
        <translation>为每个对象给出带类别名称的框。</translation>
    </message>
    <message>
        <source>Dense region caption</source>
        <translation>密集区域描述</translation>
    </message>
    <message>
        <source>Boxes with a short description for each region.</source>
        <translation>为每个区域给出带简短描述的框。</translation>
    </message>
    <message>
        <source>Region proposal</source>
        <translation>区域候选</translation>
    </message>
    <message>
        <source>Unlabelled boxes around likely objects.</source>
        <translation>围绕可能对象的无标签框。</translation>
    </message>
    <message>
        <source>OCR</source>
        <translation>文字识别（OCR）</translation>
    </message>
    <message>
        <source>All text in the image as plain text.</source>
        <translation>以纯文本给出图像中的所有文字。</translation>
    </message>
    <message>
        <source>OCR with regions</source>
        <translation>带区域的文字识别</translation>
    </message>
    <message>
        <source>Text lines with a quadrilateral around each.</source>
        <translation>文本行，每行带一个四边形框。</translation>
    </message>
    <message>
        <source>Phrase grounding</source>
        <translation>短语定位</translation>
    </message>
    <message>
        <source>Boxes for the phrases of a caption you type.</source>
        <translation>为您输入的描述中的短语给出框。</translation>
    </message>
    <message>
        <source>Referring expression segmentation</source>
        <translation>指代表达分割</translation>
    </message>
    <message>
        <source>A polygon mask for the object you describe.</source>
        <translation>为您描述的对象给出多边形掩码。</translation>
    </message>
    <message>
        <source>Region to segmentation</source>
        <translation>区域分割</translation>
    </message>
    <message>
        <source>A polygon mask for the object inside a region.</source>
        <translation>为区域内的对象给出多边形掩码。</translation>
    </message>
    <message>
        <source>Open-vocabulary detection</source>
        <translation>开放词汇检测</translation>
    </message>
    <message>
        <source>Boxes (or polygons) for the category you type.</source>
        <translation>为您输入的类别给出框（或多边形）。</translation>
    </message>
    <message>
        <source>Region to category</source>
        <translation>区域分类</translation>
    </message>
    <message>
        <source>The category of the object inside a region.</source>
        <translation>区域内对象的类别。</translation>
    </message>
    <message>
        <source>Region to description</source>
        <translation>区域描述</translation>
    </message>
    <message>
        <source>A short description of a region.</source>
        <translation>区域的简短描述。</translation>
    </message>
    <message>
        <source>Region to OCR</source>
        <translation>区域文字识别</translation>
    </message>
    <message>
        <source>The text inside a region.</source>
        <translation>区域内的文字。</translation>
    </message>
    <message>
        <source>A caption whose phrases to find, e.g. “A green car parked next to a tree”</source>
        <translation>要定位其中短语的描述，例如“一辆停在树旁的绿色汽车”</translation>
    </message>
    <message>
        <source>The object to segment, e.g. “the dog on the left”</source>
        <translation>要分割的对象，例如“左边的狗”</translation>
    </message>
    <message>
        <source>The category to find, e.g. “traffic light”</source>
        <translation>要查找的类别，例如“红绿灯”</translation>
    </message>
    <message>
        <source>Preprocessing</source>
        <translation>预处理</translation>
    </message>
    <message>
        <source>Vision encoder</source>
        <translation>视觉编码器</translation>
    </message>
    <message>
        <source>Text encoder</source>
        <translation>文本编码器</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>Post-processing</source>
        <translation>后处理</translation>
    </message>
</context>
<context>
    <name>florence::ui::TextDock</name>
    <message>
        <source>Captions and Text</source>
        <translation>描述与文本</translation>
    </message>
    <message>
        <source>Add Caption</source>
        <translation>添加描述</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Image captions</source>
        <translation>图像描述</translation>
    </message>
    <message>
        <source>Double-click a caption to edit it</source>
        <translation>双击描述即可编辑</translation>
    </message>
    <message>
        <source>Selected shape</source>
        <translation>所选形状</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>OCR text or description</source>
        <translation>OCR 文本或描述</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>New caption</source>
        <translation>新描述</translation>
    </message>
    <message>
        <source>Written by hand</source>
        <translation>手动编写</translation>
    </message>
    <message>
        <source>From the model task %1</source>
        <translation>来自模型任务 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n shapes selected</source>
        <translation>
            <numerusform>已选择 %n 个形状</numerusform>
        </translation>
    </message>
    <message>
        <source>No shape selected</source>
        <translation>未选择形状</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>（无标签）</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>置信度 %1</translation>
    </message>
    <message>
        <source>Add caption</source>
        <translation>添加描述</translation>
    </message>
    <message>
        <source>Edit caption</source>
        <translation>编辑描述</translation>
    </message>
    <message>
        <source>Delete caption</source>
        <translation>删除描述</translation>
    </message>
</context>
<context>
    <name>florence::ui::TrainingDock</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>optimizer step</source>
        <translation>优化步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>training loss (per step)</source>
        <translation>训练损失（每步）</translation>
    </message>
    <message>
        <source>validation loss (per epoch)</source>
        <translation>验证损失（每轮）</translation>
    </message>
    <message>
        <source>No training yet: Model ▸ Fine-tune…</source>
        <translation>尚未训练：模型 ▸ 微调…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop after the current step; nothing is saved</source>
        <translation>在当前步骤后停止；不保存任何内容</translation>
    </message>
    <message>
        <source>Use the New Model</source>
        <translation>使用新模型</translation>
    </message>
    <message>
        <source>Load the trained model and run the current task on the current image again</source>
        <translation>加载训练好的模型，并在当前图像上再次运行当前任务</translation>
    </message>
    <message>
        <source>Starting the training into %1…</source>
        <translation>正在开始训练，输出到 %1…</translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %2</source>
        <translation>第 %1 轮：验证损失 %2</translation>
    </message>
    <message>
        <source>Step %1 of %2 · epoch %3 · loss %4 · %5 examples/s · %6 left</source>
        <translation>第 %1/%2 步 · 第 %3 轮 · 损失 %4 · %5 样本/秒 · 剩余 %6</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Paused after the current step</source>
        <translation>已在当前步骤后暂停</translation>
    </message>
    <message numerus="yes">
        <source>Trained %n step(s) in %1 s (%2 examples/s); the model is in %3</source>
        <translation>
            <numerusform>已在 %1 秒内训练 %n 步（%2 样本/秒）；模型位于 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n step(s); nothing was saved</source>
        <translation>
            <numerusform>在 %n 步后取消；未保存任何内容</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) skipped: %1</source>
        <translation>
            <numerusform>跳过了 %n 个样本：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::TrainingRunner</name>
    <message>
        <source>Loading the model for training…</source>
        <translation>正在加载用于训练的模型…</translation>
    </message>
    <message numerus="yes">
        <source>Training on %n example(s); the first step also computes the image features…</source>
        <translation>
            <numerusform>正在用 %n 个样本训练；第一步还会计算图像特征…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::TrainingSession</name>
    <message>
        <source>Fine-tuning done: the new model is in %1</source>
        <translation>微调完成：新模型位于 %1</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Load the model to fine-tune first (Model ▸ Choose Model…).</source>
        <translation>请先加载要微调的模型（模型 ▸ 选择模型…）。</translation>
    </message>
    <message>
        <source>A fine-tuning run is going; cancel it first.</source>
        <translation>微调正在进行；请先将其取消。</translation>
    </message>
    <message>
        <source>There is nothing to train on: no example for the chosen images and tasks.</source>
        <translation>没有可训练的内容：所选图像和任务没有样本。</translation>
    </message>
    <message>
        <source>The new model needs a folder of its own, not the base model&apos;s.</source>
        <translation>新模型需要单独的文件夹，不能使用基础模型的文件夹。</translation>
    </message>
    <message>
        <source>The new model is loaded; %1</source>
        <translation>新模型已加载；%1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Florence-2 annotation studio</source>
        <translation>Florence-2 标注工作室</translation>
    </message>
    <message>
        <source>CPU threads for inference (default: OMP_NUM_THREADS or all cores).</source>
        <translation>用于推理的 CPU 线程数（默认：OMP_NUM_THREADS 或全部核心）。</translation>
    </message>
    <message>
        <source>Image files or folders to open.</source>
        <translation>要打开的图像文件或文件夹。</translation>
    </message>
    <message>
        <source>Florence-2 model folder to load (default: FLORENCE_MODEL_DIR, else the folder chosen last time).</source>
        <translation>要加载的 Florence-2 模型文件夹（默认：FLORENCE_MODEL_DIR，否则为上次选择的文件夹）。</translation>
    </message>
</context>
</TS>
