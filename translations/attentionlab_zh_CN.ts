<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>attn</name>
    <message>
        <source>option --%1 needs a value</source>
        <translation>选项 --%1 需要一个值</translation>
    </message>
    <message>
        <source>missing required option --%1</source>
        <translation>缺少必需的选项 --%1</translation>
    </message>
    <message>
        <source>--%1 expects a whole number, got &apos;%2&apos;</source>
        <translation>--%1 需要一个整数，得到的是 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>--%1 must be between %2 and %3, got %4</source>
        <translation>--%1 必须在 %2 到 %3 之间，得到的是 %4</translation>
    </message>
    <message>
        <source>--%1 expects a number, got &apos;%2&apos;</source>
        <translation>--%1 需要一个数字，得到的是 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>unknown option --%1</source>
        <translation>未知选项 --%1</translation>
    </message>
    <message>
        <source>%1: holds a &apos;%2&apos; model; this command needs a language model (kind lm)</source>
        <translation>%1：其中是 &apos;%2&apos; 模型；此命令需要语言模型（类型 lm）</translation>
    </message>
    <message>
        <source>%1: has no tokenizer, so text cannot be encoded (give token ids)</source>
        <translation>%1：没有分词器，无法对文本编码（请给出词元 ID）</translation>
    </message>
    <message>
        <source>the prompt is empty</source>
        <translation>提示词为空</translation>
    </message>
    <message>
        <source>the prompt &apos;%1&apos; gives no tokens</source>
        <translation>提示词 &apos;%1&apos; 没有产生任何词元</translation>
    </message>
    <message>
        <source>--%1 expects comma-separated token ids, got &apos;%2&apos; in &apos;%3&apos;</source>
        <translation>--%1 需要逗号分隔的词元 ID，在 &apos;%3&apos; 中得到的是 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>--%1: token id %2 is outside the vocabulary (0 to %3)</source>
        <translation>--%1：词元 ID %2 超出词表范围（0 到 %3）</translation>
    </message>
    <message>
        <source>%1: is a directory (--%2 needs a file name)</source>
        <translation>%1：是一个目录（--%2 需要文件名）</translation>
    </message>
    <message>
        <source>%1: the directory %2 does not exist</source>
        <translation>%1：目录 %2 不存在</translation>
    </message>
    <message>
        <source>%1: was trained on another vocabulary than the task &apos;%2&apos;</source>
        <translation>%1：训练时使用的词表与任务 &apos;%2&apos; 的不同</translation>
    </message>
    <message>
        <source>%1: was trained on another vocabulary than the task &apos;%2&apos; (it was trained on &apos;%3&apos;)</source>
        <translation>%1：训练时使用的词表与任务 &apos;%2&apos; 的不同（它是在 &apos;%3&apos; 上训练的）</translation>
    </message>
    <message>
        <source>%1: its vocabulary (%2) is smaller than the task &apos;%3&apos; needs (%4)</source>
        <translation>%1：其词表大小（%2）小于任务 &apos;%3&apos; 所需（%4）</translation>
    </message>
    <message>
        <source>%1: its context (%2 tokens) is shorter than the task &apos;%3&apos; sequences (%4)</source>
        <translation>%1：其上下文长度（%2 个词元）短于任务 &apos;%3&apos; 的序列长度（%4）</translation>
    </message>
    <message>
        <source>%1: has no tokenizer, so a text file cannot be encoded for it</source>
        <translation>%1：没有分词器，无法为它对文本文件编码</translation>
    </message>
    <message>
        <source>give either --task or --data, not both</source>
        <translation>请给出 --task 或 --data 之一，不能同时给出</translation>
    </message>
    <message>
        <source>missing evaluation data: give --task NAME or --data FILE</source>
        <translation>缺少评估数据：请给出 --task 名称 或 --data 文件</translation>
    </message>
    <message>
        <source>--format %1: %2 holds a &apos;%3&apos; model, which reads --format %4</source>
        <translation>--format %1：%2 中是 &apos;%3&apos; 模型，它读取的格式是 --format %4</translation>
    </message>
    <message>
        <source>%1: has no tokenizer, so the data cannot be encoded for it</source>
        <translation>%1：没有分词器，无法为它对数据编码</translation>
    </message>
    <message>
        <source>%1: has no tokenizer, so text cannot be encoded</source>
        <translation>%1：没有分词器，无法对文本编码</translation>
    </message>
    <message>
        <source>%1: a &apos;%2&apos; model cannot answer a prompt</source>
        <translation>%1：&apos;%2&apos; 模型无法回应提示词</translation>
    </message>
    <message>
        <source>missing required option --prompt</source>
        <translation>缺少必需的选项 --prompt</translation>
    </message>
    <message>
        <source>--top-p must be greater than 0 and at most 1, got %1</source>
        <translation>--top-p 必须大于 0 且不超过 1，得到的是 %1</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos; (info takes one model file)</source>
        <translation>多余的参数 &apos;%1&apos;（info 只接受一个模型文件）</translation>
    </message>
    <message>
        <source>this attentionlab-cli was built without the GUI (ATTNLAB_BUILD_GUI=OFF), so it cannot draw views; rebuild with the GUI to use &apos;render&apos;</source>
        <translation>此 attentionlab-cli 构建时未包含图形界面（ATTNLAB_BUILD_GUI=OFF），无法绘制视图；请包含图形界面重新构建后再使用 &apos;render&apos;</translation>
    </message>
    <message>
        <source>render needs a QApplication, but a non-GUI Qt application exists</source>
        <translation>render 需要 QApplication，但已存在一个非图形界面的 Qt 应用程序</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: cannot be read</source>
        <translation>%1：无法读取</translation>
    </message>
    <message>
        <source>%1: larger than 512 MiB; not a loss history</source>
        <translation>%1：大于 512 MiB；不是损失历史</translation>
    </message>
    <message>
        <source>%1: %2 (expected the JSON that File &gt; Export &gt; Loss History writes)</source>
        <translation>%1：%2（应为“文件 &gt; 导出 &gt; 损失历史”写出的 JSON）</translation>
    </message>
    <message>
        <source>%1: the loss history has no points</source>
        <translation>%1：损失历史中没有数据点</translation>
    </message>
    <message>
        <source>--width and --height: expected at least 100 pixels</source>
        <translation>--width 和 --height：至少应为 100 像素</translation>
    </message>
    <message>
        <source>--view &apos;%1&apos;: expected heatmap, grid, lines or loss</source>
        <translation>--view &apos;%1&apos;：应为 heatmap、grid、lines 或 loss</translation>
    </message>
    <message>
        <source>--out %1: expected a file name ending in .png, .svg or .pdf</source>
        <translation>--out %1：文件名应以 .png、.svg 或 .pdf 结尾</translation>
    </message>
    <message>
        <source>--theme &apos;%1&apos;: expected light, dark or high-contrast</source>
        <translation>--theme &apos;%1&apos;：应为 light、dark 或 high-contrast</translation>
    </message>
    <message>
        <source>--head &apos;%1&apos;: expected a head number (0, 1, ...) or &apos;mean&apos;</source>
        <translation>--head &apos;%1&apos;：应为注意力头编号（0、1……）或 &apos;mean&apos;</translation>
    </message>
    <message>
        <source>--text is not used by --view loss</source>
        <translation>--view loss 不使用 --text</translation>
    </message>
    <message>
        <source>give either --model or --history for --view loss, not both</source>
        <translation>--view loss 请给出 --model 或 --history 之一，不能同时给出</translation>
    </message>
    <message>
        <source>--view loss needs --model FILE (with a loss history) or --history FILE.json</source>
        <translation>--view loss 需要 --model 文件（含损失历史）或 --history 文件.json</translation>
    </message>
    <message>
        <source>--history is only used by --view loss</source>
        <translation>--history 只用于 --view loss</translation>
    </message>
    <message>
        <source>missing --model FILE</source>
        <translation>缺少 --model 文件</translation>
    </message>
    <message>
        <source>missing --text: the input whose attention is drawn</source>
        <translation>缺少 --text：要绘制其注意力的输入文本</translation>
    </message>
    <message>
        <source>--text has %1 tokens; %2 takes at most %3</source>
        <translation>--text 有 %1 个词元；%2 最多接受 %3 个</translation>
    </message>
    <message>
        <source>--layer %1: %2 has %3 layer(s), numbered from 0</source>
        <translation>--layer %1：%2 有 %3 层，从 0 开始编号</translation>
    </message>
    <message>
        <source>--head %1: %2 has %3 head(s) per layer, numbered from 0</source>
        <translation>--head %1：%2 每层有 %3 个注意力头，从 0 开始编号</translation>
    </message>
    <message>
        <source>missing training data: give --task %1 or --data FILE</source>
        <translation>缺少训练数据：请给出 --task %1 或 --data 文件</translation>
    </message>
    <message>
        <source>--format applies to --data files, not to --task</source>
        <translation>--format 只适用于 --data 文件，不适用于 --task</translation>
    </message>
    <message>
        <source>--format %1 does not fit --model %2, which trains on --format %3</source>
        <translation>--format %1 与 --model %2 不匹配，该模型在 --format %3 上训练</translation>
    </message>
    <message>
        <source>--model classifier needs labelled texts: give --data FILE (a CSV/TSV with a text and a label column), not --task</source>
        <translation>--model classifier 需要带标签的文本：请给出 --data 文件（含文本列和标签列的 CSV/TSV），而不是 --task</translation>
    </message>
    <message>
        <source>--tokenizer %1: built-in tasks use their own character vocabulary</source>
        <translation>--tokenizer %1：内置任务使用它们自己的字符词表</translation>
    </message>
    <message>
        <source>--validation applies to --data files; a task holds out its own examples</source>
        <translation>--validation 只适用于 --data 文件；任务会自行留出验证样本</translation>
    </message>
    <message>
        <source>give either --steps or --minutes, not both</source>
        <translation>请给出 --steps 或 --minutes 之一，不能同时给出</translation>
    </message>
    <message>
        <source>--minutes %1 is out of range: expected a positive number of minutes</source>
        <translation>--minutes %1 超出范围：应为正的分钟数</translation>
    </message>
    <message>
        <source>batch size %1 is out of range: expected 1 to 65536</source>
        <translation>批大小 %1 超出范围：应为 1 到 65536</translation>
    </message>
    <message>
        <source>%1; the weights of the last good step were saved to %2</source>
        <translation>%1；最后一个正常训练步的权重已保存到 %2</translation>
    </message>
    <message>
        <source>%1: cannot create the temporary file %2</source>
        <translation>%1：无法创建临时文件 %2</translation>
    </message>
    <message>
        <source>%1: write failed</source>
        <translation>%1：写入失败</translation>
    </message>
    <message>
        <source>%1: cannot replace the file (%2)</source>
        <translation>%1：无法替换该文件（%2）</translation>
    </message>
    <message>
        <source>%1: cannot create a temporary file in %2 (%3)</source>
        <translation>%1：无法在 %2 中创建临时文件（%3）</translation>
    </message>
    <message>
        <source>%1: write failed after %2 bytes (%3)</source>
        <translation>%1：写入 %2 字节后失败（%3）</translation>
    </message>
    <message>
        <source>%1: cannot flush the file to disk (%2)</source>
        <translation>%1：无法将文件写入磁盘（%2）</translation>
    </message>
    <message>
        <source>%1: cannot close the file (%2)</source>
        <translation>%1：无法关闭文件（%2）</translation>
    </message>
    <message>
        <source>a model of kind &quot;%1&quot; was saved as &quot;%2&quot;</source>
        <translation>类型为 &quot;%1&quot; 的模型被保存为 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>model kind &quot;%1&quot; is not known (known: %2)</source>
        <translation>未知的模型类型 &quot;%1&quot;（已知类型：%2）</translation>
    </message>
    <message>
        <source>training summary: &quot;%1&quot; is not a number</source>
        <translation>训练摘要：&quot;%1&quot; 不是数字</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2)</source>
        <translation>%1 不是有效的 JSON（%2）</translation>
    </message>
    <message>
        <source>training summary: expected a JSON object</source>
        <translation>训练摘要：应为 JSON 对象</translation>
    </message>
    <message>
        <source>training summary: &quot;steps&quot; must be a non-negative integer</source>
        <translation>训练摘要：&quot;steps&quot; 必须是非负整数</translation>
    </message>
    <message>
        <source>training summary: &quot;%1&quot; must be a string</source>
        <translation>训练摘要：&quot;%1&quot; 必须是字符串</translation>
    </message>
    <message>
        <source>training summary: &quot;labels&quot; must be an array of strings</source>
        <translation>训练摘要：&quot;labels&quot; 必须是字符串数组</translation>
    </message>
    <message>
        <source>model kind &quot;%1&quot;: make, config and parameterCount are all needed</source>
        <translation>模型类型 &quot;%1&quot;：make、config 和 parameterCount 缺一不可</translation>
    </message>
    <message>
        <source>%1: the model has no parameters allocated</source>
        <translation>%1：模型尚未分配参数</translation>
    </message>
    <message>
        <source>not an AttentionLab model file (no &quot;%1&quot; in __metadata__)</source>
        <translation>不是 AttentionLab 模型文件（__metadata__ 中没有 &quot;%1&quot;）</translation>
    </message>
    <message>
        <source>model file format version &quot;%1&quot; is not known (this build reads version %2)</source>
        <translation>未知的模型文件格式版本 &quot;%1&quot;（此版本程序读取版本 %2）</translation>
    </message>
    <message>
        <source>no model kind (&quot;%1&quot;) in __metadata__</source>
        <translation>__metadata__ 中没有模型类型（&quot;%1&quot;）</translation>
    </message>
    <message>
        <source>invalid model config (%1)</source>
        <translation>无效的模型配置（%1）</translation>
    </message>
    <message>
        <source>no model config (&quot;%1&quot;) in __metadata__</source>
        <translation>__metadata__ 中没有模型配置（&quot;%1&quot;）</translation>
    </message>
    <message>
        <source>the model config is not a JSON object</source>
        <translation>模型配置不是 JSON 对象</translation>
    </message>
    <message>
        <source>the config needs %1 parameters but the file&apos;s tensors hold %2 (shape disagreeing with the config)</source>
        <translation>配置需要 %1 个参数，但文件中的张量有 %2 个（形状与配置不符）</translation>
    </message>
    <message>
        <source>invalid JSON value (%1)</source>
        <translation>无效的 JSON 值（%1）</translation>
    </message>
    <message>
        <source>the tokenizer has %1 tokens but the model&apos;s vocabulary has %2</source>
        <translation>分词器有 %1 个词元，但模型的词表大小是 %2</translation>
    </message>
    <message>
        <source>the factory for &quot;%1&quot; made a model of kind &quot;%2&quot;</source>
        <translation>&quot;%1&quot; 的工厂函数创建了类型为 &quot;%2&quot; 的模型</translation>
    </message>
    <message>
        <source>unexpected tensor &quot;%1&quot; (the %2 model has no such parameter)</source>
        <translation>意外的张量 &quot;%1&quot;（%2 模型没有这个参数）</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot; has shape %2 in the file; the config needs %3</source>
        <translation>张量 &quot;%1&quot; 在文件中的形状是 %2；配置需要 %3</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot; has dtype %2; only F32, F16 and BF16 weights can be loaded</source>
        <translation>张量 &quot;%1&quot; 的数据类型是 %2；只能加载 F32、F16 和 BF16 权重</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot; is missing</source>
        <translation>缺少张量 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: not found</source>
        <translation>%1：未找到</translation>
    </message>
    <message>
        <source>%1: is not a regular file</source>
        <translation>%1：不是普通文件</translation>
    </message>
    <message>
        <source>%1: cannot read its size (%2)</source>
        <translation>%1：无法读取其大小（%2）</translation>
    </message>
    <message>
        <source>%1: is %2; the limit for model files is %3</source>
        <translation>%1：大小为 %2；模型文件的上限是 %3</translation>
    </message>
    <message>
        <source>%1: cannot be opened for reading</source>
        <translation>%1：无法打开以读取</translation>
    </message>
    <message>
        <source>%1: could not be read completely (%2 of %3 bytes)</source>
        <translation>%1：未能完整读取（%3 字节中读取了 %2 字节）</translation>
    </message>
    <message>
        <source>is %1; the limit for model files is %2</source>
        <translation>大小为 %1；模型文件的上限是 %2</translation>
    </message>
    <message>
        <source>too short for a safetensors file (%1 bytes; the 8-byte header length alone needs 8)</source>
        <translation>对 safetensors 文件来说太短（%1 字节；仅 8 字节的头部长度就需要 8 字节）</translation>
    </message>
    <message>
        <source>header length %1 is over the limit of %2 bytes (not a safetensors file?)</source>
        <translation>头部长度 %1 超过 %2 字节的上限（不是 safetensors 文件？）</translation>
    </message>
    <message>
        <source>header length %1 runs past the end of the file (%2 bytes): truncated or not a safetensors file</source>
        <translation>头部长度 %1 超出了文件末尾（%2 字节）：文件被截断或不是 safetensors 文件</translation>
    </message>
    <message>
        <source>header length %1 is too small for a JSON object</source>
        <translation>头部长度 %1 太小，容不下一个 JSON 对象</translation>
    </message>
    <message>
        <source>the header does not start with &apos;{&apos; (not a safetensors file?)</source>
        <translation>头部不是以 &apos;{&apos; 开头（不是 safetensors 文件？）</translation>
    </message>
    <message>
        <source>the header nests deeper than %1 levels</source>
        <translation>头部的嵌套深度超过 %1 层</translation>
    </message>
    <message>
        <source>the header has the key &quot;%1&quot; twice</source>
        <translation>头部中键 &quot;%1&quot; 出现了两次</translation>
    </message>
    <message>
        <source>the header is not valid JSON (%1)</source>
        <translation>头部不是有效的 JSON（%1）</translation>
    </message>
    <message>
        <source>the header is not a JSON object</source>
        <translation>头部不是 JSON 对象</translation>
    </message>
    <message>
        <source>__metadata__ is not an object of strings</source>
        <translation>__metadata__ 不是由字符串组成的对象</translation>
    </message>
    <message>
        <source>__metadata__[&quot;%1&quot;] is not a string</source>
        <translation>__metadata__[&quot;%1&quot;] 不是字符串</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: entry is not an object</source>
        <translation>张量 &quot;%1&quot;：条目不是对象</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: unexpected field &quot;%2&quot;</source>
        <translation>张量 &quot;%1&quot;：意外的字段 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: needs dtype, shape and data_offsets</source>
        <translation>张量 &quot;%1&quot;：需要 dtype、shape 和 data_offsets</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: dtype is not a string</source>
        <translation>张量 &quot;%1&quot;：dtype 不是字符串</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: unknown dtype &quot;%2&quot;</source>
        <translation>张量 &quot;%1&quot;：未知的数据类型 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: shape is not an array</source>
        <translation>张量 &quot;%1&quot;：shape 不是数组</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: rank %2 is over the limit of %3</source>
        <translation>张量 &quot;%1&quot;：维数 %2 超过上限 %3</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: shape %2 must hold non-negative integers</source>
        <translation>张量 &quot;%1&quot;：形状 %2 必须由非负整数组成</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: dimension %2 is too large</source>
        <translation>张量 &quot;%1&quot;：维度 %2 太大</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: shape %2 has too many elements</source>
        <translation>张量 &quot;%1&quot;：形状 %2 的元素太多</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: data_offsets must be [begin, end] with non-negative integers</source>
        <translation>张量 &quot;%1&quot;：data_offsets 必须是由非负整数组成的 [begin, end]</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: data_offsets [%2, %3] begin after they end</source>
        <translation>张量 &quot;%1&quot;：data_offsets [%2, %3] 的起点在终点之后</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: data_offsets end at %2 beyond the data (%3 bytes): the file is truncated or the header is wrong</source>
        <translation>张量 &quot;%1&quot;：data_offsets 终止于 %2，超出了数据范围（%3 字节）：文件被截断或头部有误</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot;: data_offsets hold %2 bytes; shape %3 of %4 needs %5</source>
        <translation>张量 &quot;%1&quot;：data_offsets 包含 %2 字节；%4 类型、形状为 %3 的张量需要 %5 字节</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot; overlaps the tensor before it (data_offsets [%2, %3])</source>
        <translation>张量 &quot;%1&quot; 与它前面的张量重叠（data_offsets [%2, %3]）</translation>
    </message>
    <message>
        <source>bytes %1..%2 of the data belong to no tensor (before &quot;%3&quot;)</source>
        <translation>数据的第 %1..%2 字节不属于任何张量（在 &quot;%3&quot; 之前）</translation>
    </message>
    <message>
        <source>the data has %1 bytes but the tensors cover %2 (trailing bytes or truncated header)</source>
        <translation>数据有 %1 字节，但张量只覆盖了 %2 字节（有多余的尾部字节或头部被截断）</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot; has dtype %3; only F32, F16 and BF16 can be loaded as weights</source>
        <translation>%1：张量 &quot;%2&quot; 的数据类型是 %3；只有 F32、F16 和 BF16 能作为权重加载</translation>
    </message>
    <message>
        <source>safetensors: invalid tensor name &quot;%1&quot;</source>
        <translation>safetensors：无效的张量名 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>safetensors: tensor &quot;%1&quot; given twice</source>
        <translation>safetensors：张量 &quot;%1&quot; 出现了两次</translation>
    </message>
    <message>
        <source>safetensors: tensor &quot;%1&quot; has a negative dimension</source>
        <translation>safetensors：张量 &quot;%1&quot; 有负的维度</translation>
    </message>
    <message>
        <source>safetensors: tensor &quot;%1&quot; has no data</source>
        <translation>safetensors：张量 &quot;%1&quot; 没有数据</translation>
    </message>
    <message>
        <source>safetensors: a name or metadata value is not valid UTF-8 (%1)</source>
        <translation>safetensors：某个名称或元数据值不是有效的 UTF-8（%1）</translation>
    </message>
    <message>
        <source>BPE tokenizer: %1 merges; at most %2 are allowed</source>
        <translation>BPE 分词器：%1 条合并规则；最多允许 %2 条</translation>
    </message>
    <message>
        <source>BPE tokenizer: merge %1 (%2, %3) refers to a token that is not defined before it</source>
        <translation>BPE 分词器：合并规则 %1（%2, %3）引用了在它之前未定义的词元</translation>
    </message>
    <message>
        <source>BPE tokenizer: merge %1 (%2, %3) appears twice</source>
        <translation>BPE 分词器：合并规则 %1（%2, %3）出现了两次</translation>
    </message>
    <message>
        <source>BPE tokenizer: merge %1 makes a token longer than %2 bytes</source>
        <translation>BPE 分词器：合并规则 %1 产生的词元长于 %2 字节</translation>
    </message>
    <message>
        <source>BPE tokenizer: the vocabulary size must be at least %1 (got %2)</source>
        <translation>BPE 分词器：词表大小至少应为 %1（得到的是 %2）</translation>
    </message>
    <message>
        <source>BPE tokenizer: missing &quot;merges&quot; array of [a, b] id pairs</source>
        <translation>BPE 分词器：缺少由 [a, b] ID 对组成的 &quot;merges&quot; 数组</translation>
    </message>
    <message>
        <source>BPE tokenizer: each merge must be a pair of integer ids</source>
        <translation>BPE 分词器：每条合并规则必须是一对整数 ID</translation>
    </message>
    <message>
        <source>BPE tokenizer: merge ids out of range</source>
        <translation>BPE 分词器：合并规则的 ID 超出范围</translation>
    </message>
    <message>
        <source>char tokenizer: %1 is not a Unicode scalar value</source>
        <translation>字符分词器：%1 不是 Unicode 标量值</translation>
    </message>
    <message>
        <source>char tokenizer: character U+%1 appears twice in the vocabulary</source>
        <translation>字符分词器：字符 U+%1 在词表中出现了两次</translation>
    </message>
    <message>
        <source>char tokenizer: missing &quot;chars&quot; array of code points</source>
        <translation>字符分词器：缺少由码位组成的 &quot;chars&quot; 数组</translation>
    </message>
    <message>
        <source>char tokenizer: &quot;chars&quot; must hold code points 0..0x10FFFF</source>
        <translation>字符分词器：&quot;chars&quot; 中必须是 0..0x10FFFF 的码位</translation>
    </message>
    <message>
        <source>%1: line %2: quoted field never closes</source>
        <translation>%1：第 %2 行：带引号的字段没有结束引号</translation>
    </message>
    <message>
        <source>%1: line %2: unexpected character after a closing quote (a quote inside a quoted field is written &quot;&quot;)</source>
        <translation>%1：第 %2 行：结束引号后出现意外字符（带引号字段中的引号应写作 &quot;&quot;）</translation>
    </message>
    <message>
        <source>%1: no column &quot;%2&quot; (columns: %3)</source>
        <translation>%1：没有列 &quot;%2&quot;（现有列：%3）</translation>
    </message>
    <message>
        <source>%1: the delimiter cannot be a quote or a line end</source>
        <translation>%1：分隔符不能是引号或换行符</translation>
    </message>
    <message>
        <source>%1: more than %2 rows</source>
        <translation>%1：超过 %2 行</translation>
    </message>
    <message>
        <source>%1: no rows</source>
        <translation>%1：没有任何行</translation>
    </message>
    <message>
        <source>%1: line %2 has 1 field; expected %3%4 (a missing column)</source>
        <translation>%1：第 %2 行只有 1 个字段；应为 %3 个%4（缺少一列）</translation>
    </message>
    <message>
        <source>%1: line %2 has %3 fields; expected %4%5 (a missing column)</source>
        <translation>%1：第 %2 行有 %3 个字段；应为 %4 个%5（缺少一列）</translation>
    </message>
    <message>
        <source>%1: line %2 has %3 fields; expected %4%5 (an extra column)</source>
        <translation>%1：第 %2 行有 %3 个字段；应为 %4 个%5（多出一列）</translation>
    </message>
    <message>
        <source>%1: has a header but no data rows</source>
        <translation>%1：有表头但没有数据行</translation>
    </message>
    <message>
        <source>%1: the context length must be at least 1 (got %2)</source>
        <translation>%1：上下文长度至少应为 1（得到的是 %2）</translation>
    </message>
    <message>
        <source>%1: the window stride must not be negative</source>
        <translation>%1：窗口步长不能为负</translation>
    </message>
    <message>
        <source>%1: too short for a language model (%2 token; at least 2 are needed)</source>
        <translation>%1：对语言模型来说太短（%2 个词元；至少需要 2 个）</translation>
    </message>
    <message>
        <source>%1: the text and label columns are the same column (%2)</source>
        <translation>%1：文本列和标签列是同一列（%2）</translation>
    </message>
    <message>
        <source>%1: line %2: empty label in column &quot;%3&quot;</source>
        <translation>%1：第 %2 行：列 &quot;%3&quot; 中的标签为空</translation>
    </message>
    <message>
        <source>%1: the label column &quot;%2&quot; has only one class (&quot;%3&quot;); classification needs at least two</source>
        <translation>%1：标签列 &quot;%2&quot; 只有一个类别（&quot;%3&quot;）；分类至少需要两个类别</translation>
    </message>
    <message>
        <source>%1: line %2: empty text in column &quot;%3&quot;</source>
        <translation>%1：第 %2 行：列 &quot;%3&quot; 中的文本为空</translation>
    </message>
    <message>
        <source>%1: the target length must be at least 2 (&lt;bos&gt;/&lt;eos&gt; and one token); got %2</source>
        <translation>%1：目标长度至少应为 2（&lt;bos&gt;/&lt;eos&gt; 加一个词元）；得到的是 %2</translation>
    </message>
    <message>
        <source>%1: line %2: empty source in column &quot;%3&quot;</source>
        <translation>%1：第 %2 行：列 &quot;%3&quot; 中的源序列为空</translation>
    </message>
    <message>
        <source>%1: the validation fraction must be in [0, 1) (got %2)</source>
        <translation>%1：验证集比例必须在 [0, 1) 内（得到的是 %2）</translation>
    </message>
    <message>
        <source>%1: an empty batch</source>
        <translation>%1：空批次</translation>
    </message>
    <message>
        <source>%1: example %2 does not exist (%3 examples)</source>
        <translation>%1：样本 %2 不存在（共 %3 个样本）</translation>
    </message>
    <message>
        <source>%1: no examples to draw batches from</source>
        <translation>%1：没有可以抽取批次的样本</translation>
    </message>
    <message>
        <source>%1: the batch size must be at least 1 (got %2)</source>
        <translation>%1：批大小至少应为 1（得到的是 %2）</translation>
    </message>
    <message>
        <source>date format %1 does not exist: expected 0..%2</source>
        <translation>日期格式 %1 不存在：应为 0..%2</translation>
    </message>
    <message>
        <source>date %1-%2-%3 cannot be written: expected a real date in %4..%5</source>
        <translation>无法写出日期 %1-%2-%3：应为 %4..%5 之间的真实日期</translation>
    </message>
    <message>
        <source>task &apos;%1&apos;: length %2 is out of range: expected 1..%3</source>
        <translation>任务 &apos;%1&apos;：长度 %2 超出范围：应为 1..%3</translation>
    </message>
    <message>
        <source>task &apos;%1&apos;: minimum length %2 is out of range: expected 1..%3</source>
        <translation>任务 &apos;%1&apos;：最小长度 %2 超出范围：应为 1..%3</translation>
    </message>
    <message>
        <source>internal: no task spec %1</source>
        <translation>内部错误：没有任务规格 %1</translation>
    </message>
    <message>
        <source>task &apos;%1&apos;: %2 symbols is out of range: expected 2..26</source>
        <translation>任务 &apos;%1&apos;：符号数 %2 超出范围：应为 2..26</translation>
    </message>
    <message>
        <source>unknown synthetic task &apos;%1&apos;: expected one of %2</source>
        <translation>未知的合成任务 &apos;%1&apos;：应为以下之一：%2</translation>
    </message>
    <message>
        <source>internal: task &apos;%1&apos; lists the character &apos;%2&apos; twice</source>
        <translation>内部错误：任务 &apos;%1&apos; 将字符 &apos;%2&apos; 列出了两次</translation>
    </message>
    <message>
        <source>token id %1 is outside the vocabulary of task &apos;%2&apos; (0..%3)</source>
        <translation>词元 ID %1 超出任务 &apos;%2&apos; 的词表范围（0..%3）</translation>
    </message>
    <message>
        <source>task &apos;%1&apos;: %2 &apos;%3&apos; is longer than %4 characters</source>
        <translation>任务 &apos;%1&apos;：%2 &apos;%3&apos; 长于 %4 个字符</translation>
    </message>
    <message>
        <source>batch size %1 is out of range: expected at least 1</source>
        <translation>批大小 %1 超出范围：至少应为 1</translation>
    </message>
    <message>
        <source>invalid UTF-16 (odd number of bytes: %1)</source>
        <translation>无效的 UTF-16（字节数为奇数：%1）</translation>
    </message>
    <message>
        <source>invalid UTF-16 (unpaired surrogate at byte %1)</source>
        <translation>无效的 UTF-16（第 %1 字节处有未配对的代理项）</translation>
    </message>
    <message>
        <source>is %1; the limit for text files is %2</source>
        <translation>大小为 %1；文本文件的上限是 %2</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>是空的</translation>
    </message>
    <message>
        <source>looks like a binary file (NUL byte at byte %1), not text</source>
        <translation>看起来是二进制文件（第 %1 字节处有 NUL 字节），不是文本</translation>
    </message>
    <message>
        <source>looks like a binary file (%1 of the first %2 bytes are control bytes or invalid UTF-8), not text</source>
        <translation>看起来是二进制文件（前 %2 字节中有 %1 个是控制字节或无效的 UTF-8），不是文本</translation>
    </message>
    <message>
        <source>invalid UTF-8 at line %1, byte %2 of the line (byte %3 of the file)</source>
        <translation>第 %1 行第 %2 字节处有无效的 UTF-8（文件的第 %3 字节）</translation>
    </message>
    <message>
        <source>contains only whitespace</source>
        <translation>只包含空白字符</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>is a directory, not a text file</source>
        <translation>是目录，不是文本文件</translation>
    </message>
    <message>
        <source>is not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>cannot read its size (%1)</source>
        <translation>无法读取其大小（%1）</translation>
    </message>
    <message>
        <source>cannot be opened for reading</source>
        <translation>无法打开以读取</translation>
    </message>
    <message>
        <source>could not be read completely (%1 of %2 bytes)</source>
        <translation>未能完整读取（%2 字节中读取了 %1 字节）</translation>
    </message>
    <message>
        <source>changed size while being read</source>
        <translation>读取过程中大小发生了变化</translation>
    </message>
    <message>
        <source>token id %1 is outside the %2 tokenizer&apos;s vocabulary (0..%3)</source>
        <translation>词元 ID %1 超出 %2 分词器的词表范围（0..%3）</translation>
    </message>
    <message>
        <source>tokenizer: expected a JSON object</source>
        <translation>分词器：应为 JSON 对象</translation>
    </message>
    <message>
        <source>tokenizer: missing &quot;kind&quot; (expected &quot;char&quot;, &quot;word&quot; or &quot;bpe&quot;)</source>
        <translation>分词器：缺少 &quot;kind&quot;（应为 &quot;char&quot;、&quot;word&quot; 或 &quot;bpe&quot;）</translation>
    </message>
    <message>
        <source>tokenizer: unknown or missing &quot;version&quot; (this build reads version 1)</source>
        <translation>分词器：&quot;version&quot; 未知或缺失（此版本程序读取版本 1）</translation>
    </message>
    <message>
        <source>tokenizer: unknown kind &quot;%1&quot; (expected &quot;char&quot;, &quot;word&quot; or &quot;bpe&quot;)</source>
        <translation>分词器：未知类型 &quot;%1&quot;（应为 &quot;char&quot;、&quot;word&quot; 或 &quot;bpe&quot;）</translation>
    </message>
    <message>
        <source>tokenizer: vocabulary size must not be negative (got %1)</source>
        <translation>分词器：词表大小不能为负（得到的是 %1）</translation>
    </message>
    <message>
        <source>tokenizer: a BPE vocabulary needs at least %1 tokens (4 special + 256 bytes); got %2</source>
        <translation>分词器：BPE 词表至少需要 %1 个词元（4 个特殊词元 + 256 个字节）；得到的是 %2</translation>
    </message>
    <message>
        <source>word tokenizer: the vocabulary holds an empty word</source>
        <translation>词级分词器：词表中有空词</translation>
    </message>
    <message>
        <source>word tokenizer: &quot;%1&quot; appears twice in the vocabulary</source>
        <translation>词级分词器：&quot;%1&quot; 在词表中出现了两次</translation>
    </message>
    <message>
        <source>word tokenizer: missing &quot;words&quot; array of strings</source>
        <translation>词级分词器：缺少由字符串组成的 &quot;words&quot; 数组</translation>
    </message>
    <message>
        <source>word tokenizer: &quot;words&quot; must hold strings only</source>
        <translation>词级分词器：&quot;words&quot; 中只能是字符串</translation>
    </message>
    <message>
        <source>no training data: choose a built-in task or a text file</source>
        <translation>没有训练数据：请选择内置任务或文本文件</translation>
    </message>
    <message>
        <source>choose either a built-in task or a text file, not both</source>
        <translation>请选择内置任务或文本文件之一，不能同时选择</translation>
    </message>
    <message>
        <source>unknown tokenizer &apos;%1&apos; (expected char, word or bpe)</source>
        <translation>未知的分词器 &apos;%1&apos;（应为 char、word 或 bpe）</translation>
    </message>
    <message>
        <source>context length %1 is out of range (2 to 4096)</source>
        <translation>上下文长度 %1 超出范围（2 到 4096）</translation>
    </message>
    <message>
        <source>tokenizer vocabulary size %1 is out of range (0 to 1048576)</source>
        <translation>分词器词表大小 %1 超出范围（0 到 1048576）</translation>
    </message>
    <message>
        <source>validation fraction must be in [0, 0.9)</source>
        <translation>验证集比例必须在 [0, 0.9) 内</translation>
    </message>
    <message>
        <source>task length %1 is out of range (0 to 256)</source>
        <translation>任务长度 %1 超出范围（0 到 256）</translation>
    </message>
    <message>
        <source>unknown data format &apos;%1&apos; (expected lm, pairs or classify)</source>
        <translation>未知的数据格式 &apos;%1&apos;（应为 lm、pairs 或 classify）</translation>
    </message>
    <message>
        <source>the built-in task &apos;%1&apos; has no labels to classify; a classifier needs a table with a text and a label column</source>
        <translation>内置任务 &apos;%1&apos; 没有可供分类的标签；分类器需要一个含文本列和标签列的表格</translation>
    </message>
    <message>
        <source>%1: read for evaluation only; there is nothing to train on</source>
        <translation>%1：只读取用于评估；没有可以训练的数据</translation>
    </message>
    <message>
        <source>%1: too short for a context of %2 tokens (needs at least %3 tokens; choose a shorter context or a longer text)</source>
        <translation>%1：对 %2 个词元的上下文来说太短（至少需要 %3 个词元；请选择更短的上下文或更长的文本）</translation>
    </message>
    <message>
        <source>%1: sentence pairs need two columns (source and target)</source>
        <translation>%1：句对需要两列（源序列和目标序列）</translation>
    </message>
    <message>
        <source>%1: classification needs two columns (the text and its label)</source>
        <translation>%1：分类需要两列（文本及其标签）</translation>
    </message>
    <message>
        <source>%1: needs at least 2 rows (one to train on, one to validate)</source>
        <translation>%1：至少需要 2 行（一行用于训练，一行用于验证）</translation>
    </message>
    <message>
        <source>task &apos;%1&apos; has a token that is not one character</source>
        <translation>任务 &apos;%1&apos; 中有一个词元不是单个字符</translation>
    </message>
    <message>
        <source>the model&apos;s tokenizer is not the vocabulary of the &apos;%1&apos; task</source>
        <translation>模型的分词器与任务 &apos;%1&apos; 的词表不一致</translation>
    </message>
    <message>
        <source>metrics: the number of classes must be at least 1, got %1</source>
        <translation>评估指标：类别数至少应为 1，得到的是 %1</translation>
    </message>
    <message>
        <source>metrics: %1 true labels and %2 predictions; expected the same number, at least one</source>
        <translation>评估指标：%1 个真实标签和 %2 个预测；两者数量应相同且至少为一</translation>
    </message>
    <message>
        <source>metrics: label %1 or prediction %2 of example %3 is outside [0, %4)</source>
        <translation>评估指标：样本 %3 的标签 %1 或预测 %2 超出 [0, %4)</translation>
    </message>
    <message>
        <source>%1 %2 is out of range: expected %3 to %4</source>
        <translation>%1 %2 超出范围：应为 %3 到 %4</translation>
    </message>
    <message>
        <source>unknown model kind &apos;%1&apos; (expected lm, seq2seq-rnn, seq2seq-transformer or classifier)</source>
        <translation>未知的模型类型 &apos;%1&apos;（应为 lm、seq2seq-rnn、seq2seq-transformer 或 classifier）</translation>
    </message>
    <message>
        <source>--d-model %1 is not divisible by --heads %2: each head gets d-model / heads dimensions</source>
        <translation>--d-model %1 不能被 --heads %2 整除：每个注意力头分得 d-model / heads 维</translation>
    </message>
    <message>
        <source>--attention %1 applies to --model seq2seq-rnn; Transformers use scaled dot-product attention</source>
        <translation>--attention %1 只适用于 --model seq2seq-rnn；Transformer 使用缩放点积注意力</translation>
    </message>
    <message>
        <source>--rnn %1 applies to --model seq2seq-rnn or classifier</source>
        <translation>--rnn %1 只适用于 --model seq2seq-rnn 或 classifier</translation>
    </message>
    <message>
        <source>a model of kind &apos;%1&apos; trains on the &apos;%2&apos; format, but the data is read as &apos;%3&apos;</source>
        <translation>类型为 &apos;%1&apos; 的模型在 &apos;%2&apos; 格式上训练，但数据被读取为 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>--context %1 is shorter than the &apos;%2&apos; sequences (%3 tokens)</source>
        <translation>--context %1 短于 &apos;%2&apos; 的序列（%3 个词元）</translation>
    </message>
    <message>
        <source>unknown optimizer &apos;%1&apos;: expected one of adamw, sgd</source>
        <translation>未知的优化器 &apos;%1&apos;：应为 adamw 或 sgd</translation>
    </message>
    <message>
        <source>optimizer beta1 %1 is out of range: expected 0 &lt;= beta1 &lt; 1</source>
        <translation>优化器 beta1 %1 超出范围：应满足 0 &lt;= beta1 &lt; 1</translation>
    </message>
    <message>
        <source>optimizer beta2 %1 is out of range: expected 0 &lt;= beta2 &lt; 1</source>
        <translation>优化器 beta2 %1 超出范围：应满足 0 &lt;= beta2 &lt; 1</translation>
    </message>
    <message>
        <source>optimizer eps %1 is out of range: expected a positive number</source>
        <translation>优化器 eps %1 超出范围：应为正数</translation>
    </message>
    <message>
        <source>weight decay %1 is out of range: expected 0 or a positive number</source>
        <translation>权重衰减 %1 超出范围：应为 0 或正数</translation>
    </message>
    <message>
        <source>SGD momentum %1 is out of range: expected 0 &lt;= momentum &lt; 1</source>
        <translation>SGD 动量 %1 超出范围：应满足 0 &lt;= momentum &lt; 1</translation>
    </message>
    <message>
        <source>optimizer step on a parameter store that was not allocated</source>
        <translation>优化器对尚未分配的参数存储执行了更新</translation>
    </message>
    <message>
        <source>learning-rate warmup of %1 steps is out of range: expected 0 or more</source>
        <translation>%1 步的学习率预热超出范围：应为 0 或更多</translation>
    </message>
    <message>
        <source>learning-rate decay ends at step %1, which is not after the warmup of %2 steps: expected decay steps &gt; warmup steps</source>
        <translation>学习率衰减在第 %1 步结束，不在 %2 步预热之后：衰减步数应大于预热步数</translation>
    </message>
    <message>
        <source>learning-rate floor factor %1 is out of range: expected 0 &lt;= floor &lt;= 1</source>
        <translation>学习率下限系数 %1 超出范围：应满足 0 &lt;= floor &lt;= 1</translation>
    </message>
    <message>
        <source>training steps %1 is out of range: expected at least 1</source>
        <translation>训练步数 %1 超出范围：至少应为 1</translation>
    </message>
    <message>
        <source>learning rate %1 is out of range: expected a positive finite number</source>
        <translation>学习率 %1 超出范围：应为有限的正数</translation>
    </message>
    <message>
        <source>gradient clipping norm %1 is out of range: expected a positive number (or clipping turned off)</source>
        <translation>梯度裁剪范数 %1 超出范围：应为正数（或关闭梯度裁剪）</translation>
    </message>
    <message>
        <source>evaluation interval %1 is out of range: expected 0 (never) or a positive number of steps</source>
        <translation>评估间隔 %1 超出范围：应为 0（从不评估）或正的步数</translation>
    </message>
    <message>
        <source>evaluation batches %1 is out of range: expected at least 1 when evaluating every %2 steps</source>
        <translation>评估批次数 %1 超出范围：每 %2 步评估一次时至少应为 1</translation>
    </message>
    <message>
        <source>the trainer was given no training data (an empty batch source)</source>
        <translation>训练器没有得到训练数据（批次来源为空）</translation>
    </message>
    <message>
        <source>the trainer was given a model whose parameters are not allocated</source>
        <translation>训练器得到的模型尚未分配参数</translation>
    </message>
    <message>
        <source>saved training state has a negative step count</source>
        <translation>保存的训练状态中步数为负</translation>
    </message>
    <message>
        <source>training stopped at step %1: %2 (before any update: check the data and the initial weights); the initial weights were kept</source>
        <translation>训练在第 %1 步停止：%2（尚未进行任何更新：请检查数据和初始权重）；已保留初始权重</translation>
    </message>
    <message>
        <source>training stopped at step %1: %2 (learning rate %3 is probably too high); the weights of step %4 were kept</source>
        <translation>训练在第 %1 步停止：%2（学习率 %3 可能过高）；已保留第 %4 步的权重</translation>
    </message>
    <message>
        <source>the loss became NaN</source>
        <translation>损失变成了 NaN</translation>
    </message>
    <message>
        <source>the loss became infinite</source>
        <translation>损失变成了无穷大</translation>
    </message>
    <message>
        <source>the gradients became NaN</source>
        <translation>梯度变成了 NaN</translation>
    </message>
    <message>
        <source>the gradients became infinite</source>
        <translation>梯度变成了无穷大</translation>
    </message>
    <message>
        <source>the update would have made a weight infinite or NaN</source>
        <translation>这次更新会使某个权重变为无穷大或 NaN</translation>
    </message>
    <message>
        <source>%1: its training summary has no loss history (only the final values: %2 steps); export one from the app (File &gt; Export &gt; Loss History...) and give it with --history FILE.json</source>
        <translation>%1：其训练摘要中没有损失历史（只有最终值：%2 步）；请在应用中导出一份（文件 &gt; 导出 &gt; 损失历史...），再用 --history 文件.json 给出</translation>
    </message>
    <message>
        <source>%1: its training summary has no loss history (only the final values: %2 steps, loss %3); export one from the app (File &gt; Export &gt; Loss History...) and give it with --history FILE.json</source>
        <translation>%1：其训练摘要中没有损失历史（只有最终值：%2 步，损失 %3）；请在应用中导出一份（文件 &gt; 导出 &gt; 损失历史...），再用 --history 文件.json 给出</translation>
    </message>
    <message>
        <source>%1: has no tokenizer (vocab.json + merges.txt or tokenizer.json)</source>
        <translation>%1：没有分词器（vocab.json + merges.txt 或 tokenizer.json）</translation>
    </message>
    <message>
        <source>%1: has no tokenizer</source>
        <translation>%1：没有分词器</translation>
    </message>
    <message>
        <source>--target applies to seq2seq models; %1 holds a &apos;%2&apos; model</source>
        <translation>--target 只适用于序列到序列模型；%1 中是 &apos;%2&apos; 模型</translation>
    </message>
    <message>
        <source>%1: has no tokenizer, so --target cannot be encoded</source>
        <translation>%1：没有分词器，无法对 --target 编码</translation>
    </message>
    <message>
        <source>give either --ids or --text, not both</source>
        <translation>请给出 --ids 或 --text 之一，不能同时给出</translation>
    </message>
    <message>
        <source>missing the input: give --ids 5,17,3 or --text &quot;...&quot;</source>
        <translation>缺少输入：请给出 --ids 5,17,3 或 --text &quot;...&quot;</translation>
    </message>
    <message>
        <source>--target applies to seq2seq models; %1 holds an &apos;lm&apos; model</source>
        <translation>--target 只适用于序列到序列模型；%1 中是 &apos;lm&apos; 模型</translation>
    </message>
    <message>
        <source>the input has %1 tokens; %2 takes at most %3</source>
        <translation>输入有 %1 个词元；%2 最多接受 %3 个</translation>
    </message>
    <message>
        <source>%1 has no attention block &apos;%2&apos; (it has %3 layer(s): --layer 0 to %4)</source>
        <translation>%1 没有注意力块 &apos;%2&apos;（它有 %3 层：--layer 0 到 %4）</translation>
    </message>
    <message>
        <source>--query %1 is out of range: the input has %2 tokens (0 to %3)</source>
        <translation>--query %1 超出范围：输入有 %2 个词元（0 到 %3）</translation>
    </message>
    <message>
        <source>this attentionlab-cli was built without the GUI libraries, so it cannot draw slides (configure with ATTNLAB_BUILD_GUI=ON)</source>
        <translation>此 attentionlab-cli 构建时未包含图形界面库，无法绘制幻灯片（请用 ATTNLAB_BUILD_GUI=ON 配置）</translation>
    </message>
    <message>
        <source>parameter &apos;%1&apos; added after the store was allocated</source>
        <translation>参数 &apos;%1&apos; 是在参数存储分配之后添加的</translation>
    </message>
    <message>
        <source>parameter &apos;%1&apos; registered twice</source>
        <translation>参数 &apos;%1&apos; 注册了两次</translation>
    </message>
    <message>
        <source>parameter &apos;%1&apos; has a non-positive dimension</source>
        <translation>参数 &apos;%1&apos; 有非正的维度</translation>
    </message>
    <message>
        <source>parameter store used before allocate()</source>
        <translation>参数存储在 allocate() 之前就被使用</translation>
    </message>
    <message>
        <source>%1: not valid JSON (%2)</source>
        <translation>%1：不是有效的 JSON（%2）</translation>
    </message>
    <message>
        <source>%1: cannot be opened</source>
        <translation>%1：无法打开</translation>
    </message>
    <message>
        <source>%1: is %2 bytes, shorter than a safetensors header (8 bytes of length)</source>
        <translation>%1：大小为 %2 字节，比 safetensors 头部（8 字节的长度）还短</translation>
    </message>
    <message>
        <source>%1: the safetensors header claims %2 bytes; the limit is %3</source>
        <translation>%1：safetensors 头部声明有 %2 字节；上限是 %3</translation>
    </message>
    <message>
        <source>%1: truncated: the header claims %2 bytes but the file holds %3 after the length</source>
        <translation>%1：文件被截断：头部声明有 %2 字节，但长度字段之后文件只有 %3 字节</translation>
    </message>
    <message>
        <source>%1: the safetensors header could not be read</source>
        <translation>%1：无法读取 safetensors 头部</translation>
    </message>
    <message>
        <source>%1: the safetensors header is not valid JSON (%2)</source>
        <translation>%1：safetensors 头部不是有效的 JSON（%2）</translation>
    </message>
    <message>
        <source>%1: the safetensors header is not a JSON object</source>
        <translation>%1：safetensors 头部不是 JSON 对象</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot;: expected {&quot;dtype&quot;, &quot;shape&quot;, &quot;data_offsets&quot;: [begin, end]}</source>
        <translation>%1：张量 &quot;%2&quot;：应为 {&quot;dtype&quot;, &quot;shape&quot;, &quot;data_offsets&quot;: [begin, end]}</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot; has dtype %3; only F32, F16 and BF16 weights can be loaded</source>
        <translation>%1：张量 &quot;%2&quot; 的数据类型是 %3；只能加载 F32、F16 和 BF16 权重</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot;: shape %3 is not a list of non-negative integers</source>
        <translation>%1：张量 &quot;%2&quot;：形状 %3 不是由非负整数组成的列表</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot;: shape %3 is too large</source>
        <translation>%1：张量 &quot;%2&quot;：形状 %3 太大</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot;: data_offsets must be two non-negative integers</source>
        <translation>%1：张量 &quot;%2&quot;：data_offsets 必须是两个非负整数</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot;: data_offsets [%3, %4] end before they begin</source>
        <translation>%1：张量 &quot;%2&quot;：data_offsets [%3, %4] 的终点在起点之前</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot;: data_offsets hold %3 bytes; shape %4 of %5 needs %6</source>
        <translation>%1：张量 &quot;%2&quot;：data_offsets 包含 %3 字节；%5 类型、形状为 %4 的张量需要 %6 字节</translation>
    </message>
    <message>
        <source>%1: truncated: tensor &quot;%2&quot; ends at data byte %3 but the file holds %4 bytes of data</source>
        <translation>%1：文件被截断：张量 &quot;%2&quot; 结束于数据的第 %3 字节，但文件只有 %4 字节数据</translation>
    </message>
    <message>
        <source>%1: tensors &quot;%2&quot; and &quot;%3&quot; overlap</source>
        <translation>%1：张量 &quot;%2&quot; 与 &quot;%3&quot; 重叠</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot; could not be read (file truncated?)</source>
        <translation>%1：无法读取张量 &quot;%2&quot;（文件被截断？）</translation>
    </message>
    <message>
        <source>%1: expected a JSON object</source>
        <translation>%1：应为 JSON 对象</translation>
    </message>
    <message>
        <source>%1: model_type is %2; only GPT-2 checkpoints (model_type &quot;gpt2&quot;) can be opened</source>
        <translation>%1：model_type 是 %2；只能打开 GPT-2 检查点（model_type &quot;gpt2&quot;）</translation>
    </message>
    <message>
        <source>%1: &quot;architectures&quot; is not a list</source>
        <translation>%1：&quot;architectures&quot; 不是列表</translation>
    </message>
    <message>
        <source>%1: architecture %2 is not GPT-2 (expected GPT2LMHeadModel or GPT2Model)</source>
        <translation>%1：架构 %2 不是 GPT-2（应为 GPT2LMHeadModel 或 GPT2Model）</translation>
    </message>
    <message>
        <source>%1: neither model_type nor architectures is given; expected a GPT-2 config (model_type &quot;gpt2&quot;)</source>
        <translation>%1：既没有给出 model_type 也没有给出 architectures；应为 GPT-2 配置（model_type &quot;gpt2&quot;）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is missing</source>
        <translation>%1：缺少 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is true; this GPT-2 variant is not supported</source>
        <translation>%1：&quot;%2&quot; 为 true；不支持这种 GPT-2 变体</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is an AttentionLab model-file setting, not a Hugging Face one</source>
        <translation>%1：&quot;%2&quot; 是 AttentionLab 模型文件的设置，不是 Hugging Face 的设置</translation>
    </message>
    <message>
        <source>%1: has %2 without %3 (and no tokenizer.json)</source>
        <translation>%1：有 %2 却没有 %3（也没有 tokenizer.json）</translation>
    </message>
    <message>
        <source>%1: is not a folder (a Hugging Face model is a folder holding config.json and model.safetensors)</source>
        <translation>%1：不是文件夹（Hugging Face 模型是一个包含 config.json 和 model.safetensors 的文件夹）</translation>
    </message>
    <message>
        <source>%1: not found (a Hugging Face model folder has one)</source>
        <translation>%1：未找到（Hugging Face 模型文件夹中应有此文件）</translation>
    </message>
    <message>
        <source>%1: the model would have %2 parameters; the limit is %3</source>
        <translation>%1：模型将有 %2 个参数；上限是 %3</translation>
    </message>
    <message>
        <source>%1: no &quot;weight_map&quot; object (tensor name -&gt; shard file)</source>
        <translation>%1：没有 &quot;weight_map&quot; 对象（张量名 -&gt; 分片文件）</translation>
    </message>
    <message>
        <source>%1: the shard of &quot;%2&quot; is not a file name</source>
        <translation>%1：&quot;%2&quot; 的分片不是文件名</translation>
    </message>
    <message>
        <source>%1: shard &quot;%2&quot; is not a file name in the folder</source>
        <translation>%1：分片 &quot;%2&quot; 不是该文件夹中的文件名</translation>
    </message>
    <message>
        <source>%1: the weight_map is empty</source>
        <translation>%1：weight_map 为空</translation>
    </message>
    <message>
        <source>%1: not found (named by %2)</source>
        <translation>%1：未找到（由 %2 指定）</translation>
    </message>
    <message>
        <source>%1: holds pytorch_model.bin only; convert it to model.safetensors (PyTorch pickles are not read)</source>
        <translation>%1：只有 pytorch_model.bin；请把它转换为 model.safetensors（不读取 PyTorch pickle 文件）</translation>
    </message>
    <message>
        <source>%1: no model.safetensors or model.safetensors.index.json</source>
        <translation>%1：没有 model.safetensors 或 model.safetensors.index.json</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot; is not mapped to this file by model.safetensors.index.json</source>
        <translation>%1：model.safetensors.index.json 没有把张量 &quot;%2&quot; 映射到此文件</translation>
    </message>
    <message>
        <source>%1: lm_head.weight has shape %2; %3 needs %4</source>
        <translation>%1：lm_head.weight 的形状是 %2；%3 需要 %4</translation>
    </message>
    <message>
        <source>%1: unexpected tensor &quot;%2&quot; (not a parameter of a GPT-2 of %3)</source>
        <translation>%1：意外的张量 &quot;%2&quot;（不是按 %3 构建的 GPT-2 的参数）</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot; has shape %3; %4 needs %5</source>
        <translation>%1：张量 &quot;%2&quot; 的形状是 %3；%4 需要 %5</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot; appears twice</source>
        <translation>%1：张量 &quot;%2&quot; 出现了两次</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot; is missing</source>
        <translation>%1：缺少张量 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1: tensor &quot;%2&quot; is in none of the shards</source>
        <translation>%1：张量 &quot;%2&quot; 不在任何分片中</translation>
    </message>
    <message>
        <source>%1: the tokenizer has %2 tokens but config.json&apos;s vocab_size is %3</source>
        <translation>%1：分词器有 %2 个词元，但 config.json 的 vocab_size 是 %3</translation>
    </message>
    <message>
        <source>%1: internal: the model registers %2 parameters, GPT-2 has %3</source>
        <translation>%1：内部错误：模型注册了 %2 个参数，而 GPT-2 有 %3 个</translation>
    </message>
    <message>
        <source>%1: internal: parameter &quot;%2&quot; does not match</source>
        <translation>%1：内部错误：参数 &quot;%2&quot; 不匹配</translation>
    </message>
    <message>
        <source>recurrent cell &quot;%1&quot; is not known (expected &quot;gru&quot; or &quot;lstm&quot;)</source>
        <translation>未知的循环单元 &quot;%1&quot;（应为 &quot;gru&quot; 或 &quot;lstm&quot;）</translation>
    </message>
    <message>
        <source>recurrent layer: row %1 has length %2, expected 0..%3</source>
        <translation>循环层：第 %1 行的长度为 %2，应为 0..%3</translation>
    </message>
    <message>
        <source>attention &quot;%1&quot; is not known (expected &quot;additive&quot;, &quot;dot&quot;, &quot;general&quot; or &quot;scaled-dot&quot;)</source>
        <translation>未知的注意力 &quot;%1&quot;（应为 &quot;additive&quot;、&quot;dot&quot;、&quot;general&quot; 或 &quot;scaled-dot&quot;）</translation>
    </message>
    <message>
        <source>attention %1: sizes must be at least 1</source>
        <translation>注意力 %1：各维度至少应为 1</translation>
    </message>
    <message>
        <source>attention %1 needs equal query and key sizes, got %2 and %3</source>
        <translation>注意力 %1 需要查询和键的维度相等，得到的是 %2 和 %3</translation>
    </message>
    <message>
        <source>attention: source length %1 outside 1..%2</source>
        <translation>注意力：源序列长度 %1 超出 1..%2</translation>
    </message>
    <message>
        <source>%1 config: &apos;%2&apos; must be an integer, not %3</source>
        <translation>%1 配置：&apos;%2&apos; 必须是整数，而不是 %3</translation>
    </message>
    <message>
        <source>%1 config: &apos;%2&apos; = %3 is out of range</source>
        <translation>%1 配置：&apos;%2&apos; = %3 超出范围</translation>
    </message>
    <message>
        <source>%1 config: &apos;%2&apos; must be a number, not %3</source>
        <translation>%1 配置：&apos;%2&apos; 必须是数字，而不是 %3</translation>
    </message>
    <message>
        <source>%1 config: &apos;%2&apos; must be a string, not %3</source>
        <translation>%1 配置：&apos;%2&apos; 必须是字符串，而不是 %3</translation>
    </message>
    <message>
        <source>classifier encoder &apos;%1&apos; is not known (expected transformer, bigru or bilstm)</source>
        <translation>未知的分类器编码器 &apos;%1&apos;（应为 transformer、bigru 或 bilstm）</translation>
    </message>
    <message>
        <source>%1 config: %2 %3 must be between %4 and %5</source>
        <translation>%1 配置：%2 %3 必须在 %4 到 %5 之间</translation>
    </message>
    <message>
        <source>%1 config: %2 %3 must divide d_model %4</source>
        <translation>%1 配置：%2 %3 必须能整除 d_model %4</translation>
    </message>
    <message>
        <source>%1 config: dropout %2 must be in [0, 1)</source>
        <translation>%1 配置：dropout %2 必须在 [0, 1) 内</translation>
    </message>
    <message>
        <source>%1 config: layer_norm_epsilon %2 must be in (0, 1)</source>
        <translation>%1 配置：layer_norm_epsilon %2 必须在 (0, 1) 内</translation>
    </message>
    <message>
        <source>%1 config: the model would have %2 parameters; at most 2147483648 are supported</source>
        <translation>%1 配置：模型将有 %2 个参数；最多支持 2147483648 个</translation>
    </message>
    <message>
        <source>%1 config: expected a JSON object, got %2</source>
        <translation>%1 配置：应为 JSON 对象，得到的是 %2</translation>
    </message>
    <message>
        <source>%1 config: &apos;%2&apos;: %3</source>
        <translation>%1 配置：&apos;%2&apos;：%3</translation>
    </message>
    <message>
        <source>%1 config: attentionlab_positions &apos;%2&apos; (expected learned or sinusoidal)</source>
        <translation>%1 配置：attentionlab_positions &apos;%2&apos;（应为 learned 或 sinusoidal）</translation>
    </message>
    <message>
        <source>%1 config: &apos;%2&apos; must be true or false</source>
        <translation>%1 配置：&apos;%2&apos; 必须是 true 或 false</translation>
    </message>
    <message>
        <source>%1: a batch needs a positive size and source length (got %2 and %3)</source>
        <translation>%1：批次的大小和源序列长度都必须为正（得到的是 %2 和 %3）</translation>
    </message>
    <message>
        <source>%1: input length %2 exceeds max_position_embeddings = %3</source>
        <translation>%1：输入长度 %2 超过 max_position_embeddings = %3</translation>
    </message>
    <message>
        <source>%1: a batch of %2 rows of %3 needs %4 source ids, %2 lengths and %2 labels</source>
        <translation>%1：%2 行、每行 %3 个位置的批次需要 %4 个源序列 ID、%2 个长度和 %2 个标签</translation>
    </message>
    <message>
        <source>%1: token %2 at position %3 is outside the vocabulary [0, %4)</source>
        <translation>%1：位置 %3 上的词元 %2 超出词表范围 [0, %4)</translation>
    </message>
    <message>
        <source>%1: length %2 of row %3 must be between 1 and %4</source>
        <translation>%1：第 %3 行的长度 %2 必须在 1 到 %4 之间</translation>
    </message>
    <message>
        <source>%1: label %2 of row %3 must be between 0 and %4</source>
        <translation>%1：第 %3 行的标签 %2 必须在 0 到 %4 之间</translation>
    </message>
    <message>
        <source>%1: predict() needs at least one token</source>
        <translation>%1：predict() 至少需要一个词元</translation>
    </message>
    <message>
        <source>unknown benchmark configuration &apos;%1&apos; (expected %2)</source>
        <translation>未知的基准测试配置 &apos;%1&apos;（应为 %2）</translation>
    </message>
    <message>
        <source>%1 config: %2 %3 must be in [0, 1]</source>
        <translation>%1 配置：%2 %3 必须在 [0, 1] 内</translation>
    </message>
    <message>
        <source>%1 config: %2</source>
        <translation>%1 配置：%2</translation>
    </message>
    <message>
        <source>%1: internal parameter count mismatch</source>
        <translation>%1：内部错误：参数数量不一致</translation>
    </message>
    <message>
        <source>%1 batch: needs at least one row, one source and one target position</source>
        <translation>%1 批次：至少需要一行、一个源序列位置和一个目标序列位置</translation>
    </message>
    <message>
        <source>%1 batch: source length %2 exceeds max_source_length %3</source>
        <translation>%1 批次：源序列长度 %2 超过 max_source_length %3</translation>
    </message>
    <message>
        <source>%1 batch: target length %2 exceeds max_target_length + 1 (%3)</source>
        <translation>%1 批次：目标序列长度 %2 超过 max_target_length + 1（%3）</translation>
    </message>
    <message>
        <source>%1 batch: token matrices do not match batch %2 x %3 / source %4</source>
        <translation>%1 批次：词元矩阵与批次 %2 x %3 / 源序列 %4 不匹配</translation>
    </message>
    <message>
        <source>%1 batch: %2 id %3 outside the vocabulary (%4)</source>
        <translation>%1 批次：%2 ID %3 超出词表范围（%4）</translation>
    </message>
    <message>
        <source>%1 batch: source length %2 outside 1..%3</source>
        <translation>%1 批次：源序列长度 %2 超出 1..%3</translation>
    </message>
    <message>
        <source>%1: backward() without a forward()</source>
        <translation>%1：调用 backward() 之前没有 forward()</translation>
    </message>
    <message>
        <source>%1: the source has %2 tokens; max_source_length is %3</source>
        <translation>%1：源序列有 %2 个词元；max_source_length 是 %3</translation>
    </message>
    <message>
        <source>%1: source id %2 outside the vocabulary (%3)</source>
        <translation>%1：源序列 ID %2 超出词表范围（%3）</translation>
    </message>
    <message>
        <source>%1: trace needs a batch of one, got %2</source>
        <translation>%1：追踪需要大小为 1 的批次，得到的是 %2</translation>
    </message>
    <message>
        <source>%1 config: n_head %2 must be between 1 and n_embd (%3)</source>
        <translation>%1 配置：n_head %2 必须在 1 到 n_embd（%3）之间</translation>
    </message>
    <message>
        <source>%1 config: n_embd %2 is not divisible by n_head %3</source>
        <translation>%1 配置：n_embd %2 不能被 n_head %3 整除</translation>
    </message>
    <message>
        <source>%1 config: pad_token_id %2 must be -1 or a token below vocab_size</source>
        <translation>%1 配置：pad_token_id %2 必须是 -1 或小于 vocab_size 的词元</translation>
    </message>
    <message>
        <source>%1 config: activation_function &apos;%2&apos; is not supported (expected gelu_new, gelu_pytorch_tanh or relu)</source>
        <translation>%1 配置：不支持 activation_function &apos;%2&apos;（应为 gelu_new、gelu_pytorch_tanh 或 relu）</translation>
    </message>
    <message>
        <source>%1 config: attentionlab_norm &apos;%2&apos; (expected pre or post)</source>
        <translation>%1 配置：attentionlab_norm &apos;%2&apos;（应为 pre 或 post）</translation>
    </message>
    <message>
        <source>%1 config: tie_word_embeddings is false; only a LM head tied to the token embedding is supported</source>
        <translation>%1 配置：tie_word_embeddings 为 false；只支持与词元嵌入共享权重的语言模型输出头</translation>
    </message>
    <message>
        <source>%1: input token %2 at position %3 is outside the vocabulary [0, %4)</source>
        <translation>%1：位置 %3 上的输入词元 %2 超出词表范围 [0, %4)</translation>
    </message>
    <message>
        <source>%1: prompt token %2 at position %3 is outside the vocabulary [0, %4)</source>
        <translation>%1：位置 %3 上的提示词词元 %2 超出词表范围 [0, %4)</translation>
    </message>
    <message>
        <source>%1: %2 token %3 at position %4 is outside the vocabulary [0, %5)</source>
        <translation>%1：位置 %4 上的%2词元 %3 超出词表范围 [0, %5)</translation>
    </message>
    <message>
        <source>%1: batch size %2 and length %3 must both be positive</source>
        <translation>%1：批大小 %2 和长度 %3 都必须为正</translation>
    </message>
    <message>
        <source>%1: sequence length %2 exceeds the model&apos;s context n_positions = %3</source>
        <translation>%1：序列长度 %2 超过模型的上下文长度 n_positions = %3</translation>
    </message>
    <message>
        <source>%1: a batch of %2 x %3 needs %4 inputs and targets, got %5 and %6</source>
        <translation>%1：%2 x %3 的批次需要 %4 个输入和目标，得到的是 %5 和 %6</translation>
    </message>
    <message>
        <source>%1: target %2 at position %3 is neither -1 (ignored) nor in [0, %4)</source>
        <translation>%1：位置 %3 上的目标 %2 既不是 -1（忽略）也不在 [0, %4) 内</translation>
    </message>
    <message>
        <source>%1: no forward() has run yet</source>
        <translation>%1：尚未运行过 forward()</translation>
    </message>
    <message>
        <source>%1: logits() needs 1 to %2 tokens, got %3</source>
        <translation>%1：logits() 需要 1 到 %2 个词元，得到的是 %3</translation>
    </message>
    <message>
        <source>%1: trace needs one input of 1 to %2 tokens (got length %3 with %4 ids)</source>
        <translation>%1：追踪需要一个含 1 到 %2 个词元的输入（得到的长度为 %3，有 %4 个 ID）</translation>
    </message>
    <message>
        <source>%1: trace of layer %2; the model has %3 layers (0..%4)</source>
        <translation>%1：要追踪第 %2 层；模型有 %3 层（0..%4）</translation>
    </message>
    <message>
        <source>%1: generation needs a prompt of at least one token</source>
        <translation>%1：生成需要至少含一个词元的提示词</translation>
    </message>
    <message>
        <source>%1: cannot generate %2 tokens</source>
        <translation>%1：无法生成 %2 个词元</translation>
    </message>
    <message>
        <source>%1: sampling needs a finite temperature, top-k &gt;= 0 and top-p in (0, 1]</source>
        <translation>%1：采样需要有限的温度、top-k &gt;= 0 且 top-p 在 (0, 1] 内</translation>
    </message>
    <message>
        <source>%1 config: attention heads %2 must divide d_model %3</source>
        <translation>%1 配置：注意力头数 %2 必须能整除 d_model %3</translation>
    </message>
    <message>
        <source>%1 config: &apos;%2&apos; must be true or false, not %3</source>
        <translation>%1 配置：&apos;%2&apos; 必须是 true 或 false，而不是 %3</translation>
    </message>
    <message>
        <source>%1 config: &apos;%2&apos; must equal &apos;%3&apos;</source>
        <translation>%1 配置：&apos;%2&apos; 必须等于 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>%1 config: attentionlab_norm must be &quot;pre&quot;</source>
        <translation>%1 配置：attentionlab_norm 必须是 &quot;pre&quot;</translation>
    </message>
    <message>
        <source>%1 config: tie_word_embeddings is false; only an output layer tied to the shared embedding is supported</source>
        <translation>%1 配置：tie_word_embeddings 为 false；只支持与共享嵌入共享权重的输出层</translation>
    </message>
    <message>
        <source>%1: a batch needs a positive size, target length and source length (got %2, %3, %4)</source>
        <translation>%1：批次的大小、目标序列长度和源序列长度都必须为正（得到的是 %2、%3、%4）</translation>
    </message>
    <message>
        <source>%1: source length %2 exceeds max_source_positions = %3</source>
        <translation>%1：源序列长度 %2 超过 max_source_positions = %3</translation>
    </message>
    <message>
        <source>%1: decoder length %2 exceeds max_target_positions = %3</source>
        <translation>%1：解码器长度 %2 超过 max_target_positions = %3</translation>
    </message>
    <message>
        <source>%1: a batch of %2 rows needs %3 inputs and targets, %4 source ids and %2 source lengths</source>
        <translation>%1：%2 行的批次需要 %3 个输入和目标、%4 个源序列 ID 和 %2 个源序列长度</translation>
    </message>
    <message>
        <source>%1: decoder input %2 or target %3 at position %4 is outside the vocabulary [0, %5)</source>
        <translation>%1：位置 %4 上的解码器输入 %2 或目标 %3 超出词表范围 [0, %5)</translation>
    </message>
    <message>
        <source>%1: source token %2 at position %3 is outside the vocabulary [0, %4)</source>
        <translation>%1：位置 %3 上的源序列词元 %2 超出词表范围 [0, %4)</translation>
    </message>
    <message>
        <source>%1: source length %2 of row %3 must be between 1 and %4</source>
        <translation>%1：第 %3 行的源序列长度 %2 必须在 1 到 %4 之间</translation>
    </message>
    <message>
        <source>%1: a source needs 1 to %2 tokens, got %3</source>
        <translation>%1：源序列需要 1 到 %2 个词元，得到的是 %3</translation>
    </message>
    <message>
        <source>%1: a target of %2 tokens does not fit max_target_positions = %3</source>
        <translation>%1：%2 个词元的目标序列超出 max_target_positions = %3</translation>
    </message>
    <message>
        <source>%1: target token %2 is outside the vocabulary</source>
        <translation>%1：目标词元 %2 超出词表范围</translation>
    </message>
    <message>
        <source>%1: decoding needs maxLength &gt;= 0, a beam of 1 to 256 and a finite length penalty</source>
        <translation>%1：解码需要 maxLength &gt;= 0、1 到 256 的束宽以及有限的长度惩罚</translation>
    </message>
    <message>
        <source>%1: the vocabulary is empty</source>
        <translation>%1：词表为空</translation>
    </message>
    <message>
        <source>%1: the vocabulary is too large</source>
        <translation>%1：词表太大</translation>
    </message>
    <message>
        <source>%1: token %2 is empty</source>
        <translation>%1：词元 %2 为空</translation>
    </message>
    <message>
        <source>%1: token %2 is not valid UTF-8</source>
        <translation>%1：词元 %2 不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>%1: token &quot;%2&quot; appears twice (ids %3 and %4)</source>
        <translation>%1：词元 &quot;%2&quot; 出现了两次（ID %3 和 %4）</translation>
    </message>
    <message>
        <source>%1: the vocabulary has no token for byte 0x%2 (a byte-level BPE needs all 256 bytes)</source>
        <translation>%1：词表中没有字节 0x%2 的词元（字节级 BPE 需要全部 256 个字节）</translation>
    </message>
    <message>
        <source>%1: merge %2 (&quot;%3 %4&quot;) refers to &quot;%5&quot;, which is not in the vocabulary</source>
        <translation>%1：合并规则 %2（&quot;%3 %4&quot;）引用了不在词表中的 &quot;%5&quot;</translation>
    </message>
    <message>
        <source>%1: merge %2 (&quot;%3 %4&quot;) makes &quot;%5&quot;, which is not in the vocabulary</source>
        <translation>%1：合并规则 %2（&quot;%3 %4&quot;）产生的 &quot;%5&quot; 不在词表中</translation>
    </message>
    <message>
        <source>gpt2 tokenizer: &quot;vocab&quot; must be an array of token strings</source>
        <translation>gpt2 分词器：&quot;vocab&quot; 必须是由词元字符串组成的数组</translation>
    </message>
    <message>
        <source>gpt2 tokenizer: &quot;merges&quot; must be an array of [first, second] pairs</source>
        <translation>gpt2 分词器：&quot;merges&quot; 必须是由 [first, second] 对组成的数组</translation>
    </message>
    <message>
        <source>gpt2 tokenizer: vocab entry %1 is not a string</source>
        <translation>gpt2 分词器：vocab 第 %1 项不是字符串</translation>
    </message>
    <message>
        <source>gpt2 tokenizer: merge %1 is not a [first, second] pair of strings</source>
        <translation>gpt2 分词器：合并规则 %1 不是由字符串组成的 [first, second] 对</translation>
    </message>
    <message>
        <source>%1: the vocabulary must be a JSON object of &quot;token&quot;: id</source>
        <translation>%1：词表必须是 &quot;词元&quot;: ID 形式的 JSON 对象</translation>
    </message>
    <message>
        <source>%1: the id of token &quot;%2&quot; is not an integer</source>
        <translation>%1：词元 &quot;%2&quot; 的 ID 不是整数</translation>
    </message>
    <message>
        <source>%1: token &quot;%2&quot; has id %3; ids must be 0..%4 (one per token, no gaps)</source>
        <translation>%1：词元 &quot;%2&quot; 的 ID 是 %3；ID 必须为 0..%4（每个词元一个，不能有空缺）</translation>
    </message>
    <message>
        <source>%1: id %2 is given to &quot;%3&quot; and to &quot;%4&quot;</source>
        <translation>%1：ID %2 同时分配给了 &quot;%3&quot; 和 &quot;%4&quot;</translation>
    </message>
    <message>
        <source>%1: line %2 is not two tokens separated by a space (&quot;%3&quot;)</source>
        <translation>%1：第 %2 行不是由空格分隔的两个词元（&quot;%3&quot;）</translation>
    </message>
    <message>
        <source>%1 (vocabulary: %2)</source>
        <translation>%1（词表：%2）</translation>
    </message>
    <message>
        <source>%1: no &quot;model&quot; object</source>
        <translation>%1：没有 &quot;model&quot; 对象</translation>
    </message>
    <message>
        <source>%1: model.type is %2; only byte-level &quot;BPE&quot; (GPT-2) tokenizers can be read</source>
        <translation>%1：model.type 是 %2；只能读取字节级 &quot;BPE&quot;（GPT-2）分词器</translation>
    </message>
    <message>
        <source>%1: no model.vocab</source>
        <translation>%1：没有 model.vocab</translation>
    </message>
    <message>
        <source>%1: an added_tokens entry lacks an integer &quot;id&quot; and a string &quot;content&quot;</source>
        <translation>%1：某个 added_tokens 条目缺少整数 &quot;id&quot; 和字符串 &quot;content&quot;</translation>
    </message>
    <message>
        <source>%1: added token &quot;%2&quot; has id %3, which model.vocab gives to &quot;%4&quot;</source>
        <translation>%1：新增词元 &quot;%2&quot; 的 ID 是 %3，而 model.vocab 把它分配给了 &quot;%4&quot;</translation>
    </message>
    <message>
        <source>%1: added token &quot;%2&quot; has id %3; the next free id is %4</source>
        <translation>%1：新增词元 &quot;%2&quot; 的 ID 是 %3；下一个空闲 ID 是 %4</translation>
    </message>
    <message>
        <source>%1: model.merges must be an array</source>
        <translation>%1：model.merges 必须是数组</translation>
    </message>
    <message>
        <source>%1: model.merges entry %2 is not &quot;first second&quot; (&quot;%3&quot;)</source>
        <translation>%1：model.merges 第 %2 项不是 &quot;first second&quot; 形式（&quot;%3&quot;）</translation>
    </message>
    <message>
        <source>%1: model.merges entry %2 is neither &quot;first second&quot; nor [&quot;first&quot;, &quot;second&quot;]</source>
        <translation>%1：model.merges 第 %2 项既不是 &quot;first second&quot; 也不是 [&quot;first&quot;, &quot;second&quot;]</translation>
    </message>
    <message>
        <source>walkthrough: the trace holds no attention block</source>
        <translation>分步讲解：追踪中没有注意力块</translation>
    </message>
    <message>
        <source>walkthrough: the trace has no block &apos;%1&apos;</source>
        <translation>分步讲解：追踪中没有块 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>walkthrough: block &apos;%1&apos; has %2 head(s); head %3 is out of range</source>
        <translation>分步讲解：块 &apos;%1&apos; 有 %2 个注意力头；头 %3 超出范围</translation>
    </message>
    <message>
        <source>walkthrough: block &apos;%1&apos; has empty attention weights</source>
        <translation>分步讲解：块 &apos;%1&apos; 的注意力权重为空</translation>
    </message>
    <message>
        <source>walkthrough: block &apos;%1&apos; has scores of a different shape than its weights</source>
        <translation>分步讲解：块 &apos;%1&apos; 的分数与其权重形状不同</translation>
    </message>
    <message>
        <source>walkthrough: block &apos;%1&apos; has values (v) not matching the keys</source>
        <translation>分步讲解：块 &apos;%1&apos; 的值（v）与键不匹配</translation>
    </message>
    <message>
        <source>walkthrough: block &apos;%1&apos; has outputs not matching (queries, d_v)</source>
        <translation>分步讲解：块 &apos;%1&apos; 的输出与（查询数, d_v）不匹配</translation>
    </message>
    <message>
        <source>walkthrough: query %1 is out of range (block &apos;%2&apos; has %3 queries)</source>
        <translation>分步讲解：查询 %1 超出范围（块 &apos;%2&apos; 有 %3 个查询）</translation>
    </message>
    <message>
        <source>walkthrough: key %1 is out of range (block &apos;%2&apos; has %3 keys)</source>
        <translation>分步讲解：键 %1 超出范围（块 &apos;%2&apos; 有 %3 个键）</translation>
    </message>
    <message>
        <source>walkthrough: block &apos;%1&apos; has a mask of a different shape than its weights</source>
        <translation>分步讲解：块 &apos;%1&apos; 的掩码与其权重形状不同</translation>
    </message>
    <message>
        <source>walkthrough: block &apos;%1&apos; is additive attention but its head lacks the extras Ws, Uh and v</source>
        <translation>分步讲解：块 &apos;%1&apos; 是加性注意力，但其注意力头缺少附加量 Ws、Uh 和 v</translation>
    </message>
    <message>
        <source>walkthrough: block &apos;%1&apos; has extras Ws (Tq, A), Uh (Tk, A), v (1, A) of inconsistent shapes</source>
        <translation>分步讲解：块 &apos;%1&apos; 的附加量 Ws (Tq, A)、Uh (Tk, A)、v (1, A) 形状不一致</translation>
    </message>
    <message>
        <source>walkthrough: block &apos;%1&apos; is general attention but its head lacks the extra Wh</source>
        <translation>分步讲解：块 &apos;%1&apos; 是一般形式注意力，但其注意力头缺少附加量 Wh</translation>
    </message>
    <message>
        <source>walkthrough: block &apos;%1&apos; has queries s (Tq, Dq), keys h (Tk, Dk) and extra Wh (Tk, Dq) of inconsistent shapes</source>
        <translation>分步讲解：块 &apos;%1&apos; 的查询 s (Tq, Dq)、键 h (Tk, Dk) 和附加量 Wh (Tk, Dq) 形状不一致</translation>
    </message>
    <message>
        <source>walkthrough: block &apos;%1&apos; has queries and keys of inconsistent shapes</source>
        <translation>分步讲解：块 &apos;%1&apos; 的查询和键形状不一致</translation>
    </message>
    <message>
        <source>sandbox: %1 must be 1x1 to %2x%2 (got %3x%4)</source>
        <translation>沙盒：%1 必须是 1x1 到 %2x%2（得到的是 %3x%4）</translation>
    </message>
    <message>
        <source>sandbox: %1 holds a value that is not a finite number</source>
        <translation>沙盒：%1 中有一个不是有限数的值</translation>
    </message>
    <message>
        <source>sandbox: Q and K must have the same number of columns (d_k); got %1 and %2</source>
        <translation>沙盒：Q 和 K 的列数（d_k）必须相同；得到的是 %1 和 %2</translation>
    </message>
    <message>
        <source>sandbox: V must have one row per key; got %1 rows for %2 keys</source>
        <translation>沙盒：V 必须每个键一行；%2 个键却得到 %1 行</translation>
    </message>
    <message>
        <source>sandbox: the temperature must be a number &gt; 0</source>
        <translation>沙盒：温度必须是大于 0 的数</translation>
    </message>
    <message>
        <source>batch row %1 has no source</source>
        <translation>批次第 %1 行没有源序列</translation>
    </message>
    <message>
        <source>batch row %1 is out of range</source>
        <translation>批次第 %1 行超出范围</translation>
    </message>
    <message>
        <source>a classification batch without a label for every row</source>
        <translation>分类批次没有为每一行提供标签</translation>
    </message>
    <message>
        <source>the input gives no tokens</source>
        <translation>输入没有产生任何词元</translation>
    </message>
    <message>
        <source>the folder has no tokenizer (vocab.json + merges.txt or tokenizer.json); token ids are shown as numbers</source>
        <translation>文件夹中没有分词器（vocab.json + merges.txt 或 tokenizer.json）；词元 ID 以数字显示</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot; holds %2 NaN or infinite values; the model&apos;s outputs will not be finite</source>
        <translation>张量 &quot;%1&quot; 含有 %2 个 NaN 或无穷大值；模型的输出将不是有限值</translation>
    </message>
    <message>
        <source>half-precision weights (F16/BF16) were converted to F32</source>
        <translation>半精度权重（F16/BF16）已转换为 F32</translation>
    </message>
    <message>
        <source>the file has no tokenizer; token ids are shown as numbers</source>
        <translation>文件中没有分词器；词元 ID 以数字显示</translation>
    </message>
    <message>
        <source>tensor &quot;%1&quot; holds %2 NaN and %3 infinite values; the model&apos;s outputs will not be finite</source>
        <translation>张量 &quot;%1&quot; 含有 %2 个 NaN 和 %3 个无穷大值；模型的输出将不是有限值</translation>
    </message>
    <message>
        <source>%1: has no tokenizer, so its tokens cannot be shown</source>
        <translation>%1：没有分词器，因此无法显示其词元</translation>
    </message>
    <message>
        <source>%1: trained on &apos;%2&apos;; open that text first (File ▸ Open Text…), then the model</source>
        <translation>%1：在“%2”上训练；请先打开该文本（文件 ▸ 打开文本…），再打开模型</translation>
    </message>
    <message>
        <source>--positions %1: expected learned or sinusoidal</source>
        <translation>--positions %1：应为 learned 或 sinusoidal</translation>
    </message>
    <message>
        <source>%1 config: attentionlab_sinusoid_scale %2 must be in (0, 100]</source>
        <translation>%1 配置：attentionlab_sinusoid_scale %2 必须在 (0, 100] 之内</translation>
    </message>
    <message>
        <source>--positions applies to Transformers (lm, seq2seq-transformer, a classifier without --rnn); recurrent networks read in order</source>
        <translation>--positions 仅适用于 Transformer（lm、seq2seq-transformer、不带 --rnn 的分类器）；循环网络按顺序读取</translation>
    </message>
    <message>
        <source>the Follow text &quot;%1&quot; gives no tokens in this model&apos;s vocabulary</source>
        <translation>跟随文本“%1”在该模型的词表中没有产生任何词元</translation>
    </message>
    <message>
        <source>the Follow text is %1 tokens long, but this model reads at most %2 tokens at a time (its context): shorten the text, or set a longer Context in the Model dock and build a new model</source>
        <translation>跟随文本有 %1 个词元，但该模型一次最多读取 %2 个词元（其上下文长度）：请缩短文本，或在模型面板中设置更长的上下文长度并构建新模型</translation>
    </message>
    <message>
        <source>attention: %1 channels do not split into %2 heads of equal width</source>
        <translation>注意力：%1 个通道无法均分为 %2 个等宽的头</translation>
    </message>
    <message>
        <source>attention: %1 key/value heads cannot be shared by %2 query heads; the query heads must be a whole multiple of them (kvHeads divides heads)</source>
        <translation>注意力：%1 个键/值头无法由 %2 个查询头共享；查询头数必须是它的整数倍（kvHeads 须整除 heads）</translation>
    </message>
    <message>
        <source>rotary position encoding: positions %1..%2 are outside its table of %3 positions</source>
        <translation>旋转位置编码：位置 %1..%2 超出了它的 %3 个位置的表</translation>
    </message>
    <message>
        <source>rotary position encoding: the base theta is %1; it must be a positive finite number</source>
        <translation>旋转位置编码：基数 theta 为 %1；它必须是有限的正数</translation>
    </message>
    <message>
        <source>rotary position encoding rotates pairs of dimensions, and heads of %1 dimensions (an odd number) leave one without a partner: choose heads that make the head size even, or rotate fewer dimensions</source>
        <translation>旋转位置编码成对旋转维度，而 %1 维（奇数）的头会剩下一维无法配对：请选择使头维度为偶数的头数，或旋转更少的维度</translation>
    </message>
    <message>
        <source>rotary position encoding rotates pairs of dimensions: it cannot rotate %1 of a head&apos;s %2 dimensions (an even number from 2 to %2 can)</source>
        <translation>旋转位置编码成对旋转维度：它无法旋转头的 %2 维中的 %1 维（可以是 2 到 %2 之间的偶数）</translation>
    </message>
    <message>
        <source>rotary position encoding needs the longest sequence it will see (positions); it is %1</source>
        <translation>旋转位置编码需要知道它将遇到的最长序列（positions）；当前为 %1</translation>
    </message>
    <message>
        <source>%1: backward() called without a forward() before it</source>
        <translation>%1：调用 backward() 之前没有调用 forward()</translation>
    </message>
</context>
<context>
    <name>attn::AllHeadsGrid</name>
    <message>
        <source>masked</source>
        <translation>已掩码</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>%1, head %2: click to open</source>
        <translation>%1，注意力头 %2：点击打开</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>No attention to show yet: train or load a model</source>
        <translation>暂无可显示的注意力：请训练或加载一个模型</translation>
    </message>
</context>
<context>
    <name>attn::AttentionLinesView</name>
    <message>
        <source>H%1</source>
        <translation>头%1</translation>
    </message>
    <message>
        <source>No attention to show yet: train or load a model</source>
        <translation>暂无可显示的注意力：请训练或加载一个模型</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
</context>
<context>
    <name>attn::AttentionSelector</name>
    <message>
        <source>causal self-attention</source>
        <translation>因果自注意力</translation>
    </message>
    <message>
        <source>self-attention</source>
        <translation>自注意力</translation>
    </message>
    <message>
        <source>cross-attention</source>
        <translation>交叉注意力</translation>
    </message>
    <message>
        <source>attention pooling</source>
        <translation>注意力池化</translation>
    </message>
    <message>
        <source>Mean of heads</source>
        <translation>各注意力头的平均</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>&amp;Block:</source>
        <translation>块(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>注意力头(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>配色(&amp;C)：</translation>
    </message>
    <message>
        <source>Show &amp;values</source>
        <translation>显示数值(&amp;V)</translation>
    </message>
    <message>
        <source>Scale to data</source>
        <translation>按数据范围</translation>
    </message>
    <message>
        <source>Scale 0–1</source>
        <translation>刻度 0–1</translation>
    </message>
    <message>
        <source>0–1 compares heads and steps; scaled to data shows small differences</source>
        <translation>0–1 固定刻度便于比较不同注意力头和训练步；按数据范围显示则能看出细微差异。</translation>
    </message>
    <message>
        <source>Write the weight in each cell when the cells are large enough (on a long text, zoom in with the wheel)</source>
        <translation>当单元格足够大时，在每个单元格中写出权重（文本较长时，用滚轮放大）</translation>
    </message>
</context>
<context>
    <name>attn::ColorMaps</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Cividis (colour-blind safe)</source>
        <translation>Cividis（色盲友好）</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Blues (print)</source>
        <translation>Blues（适合打印）</translation>
    </message>
</context>
<context>
    <name>attn::HeatmapView</name>
    <message>
        <source>Query %1 “%2” → key %3 “%4”: masked (score set to −∞, weight 0)</source>
        <translation>查询 %1“%2”→ 键 %3“%4”：已掩码（分数设为 −∞，权重为 0）</translation>
    </message>
    <message>
        <source>Query %1 “%2” → key %3 “%4”: weight %5</source>
        <translation>查询 %1“%2”→ 键 %3“%4”：权重 %5</translation>
    </message>
    <message>
        <source>Key (attended to)</source>
        <translation>键（被关注）</translation>
    </message>
    <message>
        <source>Query (attending)</source>
        <translation>查询（发出关注）</translation>
    </message>
    <message>
        <source>Attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>No attention to show yet: train or load a model</source>
        <translation>暂无可显示的注意力：请训练或加载一个模型</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>its only head</source>
        <translation>唯一的注意力头</translation>
    </message>
    <message>
        <source>mean of %1 heads</source>
        <translation>%1 个注意力头的平均</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>  (hatched: masked)</source>
        <translation>  （阴影线：已掩码）</translation>
    </message>
    <message>
        <source>  (values: cells too small, zoom in with the wheel)</source>
        <translation>  （数值：单元格太小，请用滚轮放大）</translation>
    </message>
</context>
<context>
    <name>attn::LossHistory</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>the loss history is not valid JSON (%1)</source>
        <translation>损失历史不是有效的 JSON（%1）</translation>
    </message>
    <message>
        <source>the loss history is not a JSON object</source>
        <translation>损失历史不是 JSON 对象</translation>
    </message>
    <message>
        <source>the loss history has no &quot;step&quot; and &quot;loss&quot; arrays</source>
        <translation>损失历史缺少 &quot;step&quot; 和 &quot;loss&quot; 数组</translation>
    </message>
    <message>
        <source>the loss history has more than %1 points</source>
        <translation>损失历史超过 %1 个点</translation>
    </message>
    <message>
        <source>the loss history&apos;s step %1 is not a number</source>
        <translation>损失历史的第 %1 个 step 不是数字</translation>
    </message>
    <message>
        <source>the loss history&apos;s &quot;%1&quot; is not an array of %2 values</source>
        <translation>损失历史的 &quot;%1&quot; 不是包含 %2 个值的数组</translation>
    </message>
    <message>
        <source>the loss history&apos;s &quot;%1&quot; holds a value that is not a number</source>
        <translation>损失历史的 &quot;%1&quot; 含有非数字的值</translation>
    </message>
    <message>
        <source>Cannot save %1: no training steps are logged yet</source>
        <translation>无法保存 %1：尚未记录任何训练步骤</translation>
    </message>
</context>
<context>
    <name>attn::LossPlotView</name>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Training loss (smoothed)</source>
        <translation>训练损失（平滑）</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
</context>
<context>
    <name>attn::PoolingView</name>
    <message>
        <source>Token %1 “%2”: pooling weight %3</source>
        <translation>词元 %1“%2”：池化权重 %3</translation>
    </message>
    <message>
        <source>This model has no attention pooling to show.</source>
        <translation>该模型没有可显示的注意力池化。</translation>
    </message>
    <message>
        <source>Classify a text to see which tokens the model attends to.</source>
        <translation>对一段文本进行分类，即可看到模型关注哪些词元。</translation>
    </message>
    <message>
        <source>Attention pooling over the tokens</source>
        <translation>词元上的注意力池化</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Predicted: %1 (%2%)</source>
        <translation>预测：%1（%2%）</translation>
    </message>
</context>
<context>
    <name>attn::ReplayBar</name>
    <message>
        <source>no snapshots yet</source>
        <translation>尚无快照</translation>
    </message>
    <message>
        <source>step %1 (%2 of %3)</source>
        <translation>第 %1 步（共 %3 个，第 %2 个）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Follow training as it runs; uncheck or move the slider to replay how the attention pattern formed</source>
        <translation>跟随正在进行的训练；取消勾选或拖动滑块，即可回放注意力模式的形成过程</translation>
    </message>
    <message>
        <source>Training replay: the probe&apos;s attention at the kept steps (Left/Right, Home/End)</source>
        <translation>训练回放：探针输入在各保存步的注意力（左/右方向键，Home/End）</translation>
    </message>
    <message>
        <source>Pause the replay</source>
        <translation>暂停回放</translation>
    </message>
    <message>
        <source>Play the replay from the start</source>
        <translation>从头播放回放</translation>
    </message>
    <message numerus="yes">
        <source>live · %Ln snapshot(s)</source>
        <translation>
            <numerusform>实时 · %Ln 个快照</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>attn::SandboxView</name>
    <message>
        <source>%1 row %2, column %3: “%4” is not a number</source>
        <translation>%1 第 %2 行第 %3 列：“%4”不是数字</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Identical keys → uniform weights</source>
        <translation>相同的键 → 均匀权重</translation>
    </message>
    <message>
        <source>One-hot keys → hard attention</source>
        <translation>独热键 → 硬注意力</translation>
    </message>
    <message>
        <source>Large values, scaled by √d_k</source>
        <translation>大数值，除以 √d_k</translation>
    </message>
    <message>
        <source>Large values, not scaled → saturation</source>
        <translation>大数值，不缩放 → 饱和</translation>
    </message>
    <message>
        <source>Causal mask</source>
        <translation>因果掩码</translation>
    </message>
    <message>
        <source>Queries, keys, d_k, d_v</source>
        <translation>查询数、键数、d_k、d_v</translation>
    </message>
    <message>
        <source>Number of queries</source>
        <translation>查询的个数</translation>
    </message>
    <message>
        <source>Number of keys</source>
        <translation>键的个数</translation>
    </message>
    <message>
        <source>d_k: length of the queries and keys</source>
        <translation>d_k：查询和键的长度</translation>
    </message>
    <message>
        <source>d_v: length of the values</source>
        <translation>d_v：值的长度</translation>
    </message>
    <message>
        <source>Q (one row per query)</source>
        <translation>Q（每个查询一行）</translation>
    </message>
    <message>
        <source>K (one row per key)</source>
        <translation>K（每个键一行）</translation>
    </message>
    <message>
        <source>V (one row per key)</source>
        <translation>V（每个键一行）</translation>
    </message>
    <message>
        <source>Divide by √d_k</source>
        <translation>除以 √d_k</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Scores are divided by the temperature: below 1 sharpens the softmax, above 1 flattens it</source>
        <translation>分数除以温度：小于 1 使 softmax 更尖锐，大于 1 使其更平坦</translation>
    </message>
</context>
<context>
    <name>attn::TokenChips</name>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>另有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Token %1: %2</source>
        <translation>第 %1 个词元：%2</translation>
    </message>
    <message>
        <source>id %1</source>
        <translation>编号 %1</translation>
    </message>
</context>
<context>
    <name>attn::ViewExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot save %1: the view has no size</source>
        <translation>无法保存 %1：视图尺寸为零</translation>
    </message>
    <message>
        <source>Cannot render %1 as PNG</source>
        <translation>无法将 %1 渲染为 PNG</translation>
    </message>
    <message>
        <source>Exported from AttentionLab</source>
        <translation>由 AttentionLab 导出</translation>
    </message>
    <message>
        <source>Cannot render %1 as SVG</source>
        <translation>无法将 %1 渲染为 SVG</translation>
    </message>
    <message>
        <source>Cannot render %1 as PDF</source>
        <translation>无法将 %1 渲染为 PDF</translation>
    </message>
    <message>
        <source>Cannot save %1: expected a .png, .svg or .pdf file name</source>
        <translation>无法保存 %1：文件名应以 .png、.svg 或 .pdf 结尾</translation>
    </message>
    <message>
        <source>Cannot save %1: no attention matrix is shown</source>
        <translation>无法保存 %1：当前没有显示注意力矩阵</translation>
    </message>
</context>
<context>
    <name>attn::WalkthroughBuilder</name>
    <message>
        <source>Decoder state and encoder states</source>
        <translation>解码器状态与编码器状态</translation>
    </message>
    <message>
        <source>Tokens → embeddings → X</source>
        <translation>词元 → 嵌入 → X</translation>
    </message>
    <message>
        <source>Projections W·s and U·h</source>
        <translation>投影 W·s 与 U·h</translation>
    </message>
    <message>
        <source>Q = X·W_Q, K = X·W_K, V = X·W_V</source>
        <translation>Q = X·W_Q，K = X·W_K，V = X·W_V</translation>
    </message>
    <message>
        <source>Scores e_ij = vᵀ·tanh(W·s + U·h_j)</source>
        <translation>分数 e_ij = vᵀ·tanh(W·s + U·h_j)</translation>
    </message>
    <message>
        <source>Scores s_ij = q_i · k_j</source>
        <translation>分数 s_ij = q_i · k_j</translation>
    </message>
    <message>
        <source>Scaling by √d_k</source>
        <translation>除以 √d_k 缩放</translation>
    </message>
    <message>
        <source>The mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Context c_i = Σ_j a_ij·h_j</source>
        <translation>上下文 c_i = Σ_j a_ij·h_j</translation>
    </message>
    <message>
        <source>Weighted sum z_i = Σ_j a_ij·v_j</source>
        <translation>加权和 z_i = Σ_j a_ij·v_j</translation>
    </message>
    <message>
        <source>Multi-head: concatenate, W_O, residual</source>
        <translation>多头：拼接、W_O、残差</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1 步（共 %2 步）：%3</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>The input, query %1 (“%2”) highlighted</source>
        <translation>输入，查询 %1（“%2”）高亮</translation>
    </message>
    <message>
        <source>row %1, C = %2</source>
        <translation>第 %1 行，C = %2</translation>
    </message>
    <message>
        <source>token embedding</source>
        <translation>词元嵌入</translation>
    </message>
    <message>
        <source>+ position embedding</source>
        <translation>+ 位置嵌入</translation>
    </message>
    <message>
        <source>= sum</source>
        <translation>= 和</translation>
    </message>
    <message>
        <source>residual stream into layer %1</source>
        <translation>进入第 %1 层的残差流</translation>
    </message>
    <message>
        <source>X after LayerNorm</source>
        <translation>LayerNorm 之后的 X</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>From token to the layer&apos;s input</source>
        <translation>从词元到该层的输入</translation>
    </message>
    <message>
        <source>Each token&apos;s vector is its token embedding plus its position embedding; the blocks before this layer add their outputs to it, and LayerNorm rescales it to X, the attention&apos;s input.</source>
        <translation>每个词元的向量是它的词元嵌入加上位置嵌入；此层之前的各块把输出加到它上面，LayerNorm 再把它缩放为注意力的输入 X。</translation>
    </message>
    <message>
        <source>Each token&apos;s vector is its token embedding plus its position embedding; this is X, the attention&apos;s input.</source>
        <translation>每个词元的向量是它的词元嵌入加上位置嵌入；这就是注意力的输入 X。</translation>
    </message>
    <message>
        <source>This head&apos;s slices of the projection weights turn every row of X into a query, a key and a value of d_k = %1 numbers each.</source>
        <translation>该头的投影权重切片把 X 的每一行变成查询、键和值，每个都有 d_k = %1 个数。</translation>
    </message>
    <message>
        <source>W_Q of head %1 (%2 × %3)</source>
        <translation>头 %1 的 W_Q（%2 × %3）</translation>
    </message>
    <message>
        <source>Query row %1 and key/value row %2</source>
        <translation>查询第 %1 行与键/值第 %2 行</translation>
    </message>
    <message>
        <source>x_i·W_Q</source>
        <translation>x_i·W_Q</translation>
    </message>
    <message>
        <source>+ bias</source>
        <translation>+ 偏置</translation>
    </message>
    <message>
        <source>= q_i</source>
        <translation>= q_i</translation>
    </message>
    <message>
        <source>x_j·W_K</source>
        <translation>x_j·W_K</translation>
    </message>
    <message>
        <source>= k_j</source>
        <translation>= k_j</translation>
    </message>
    <message>
        <source>x_j·W_V</source>
        <translation>x_j·W_V</translation>
    </message>
    <message>
        <source>= v_j</source>
        <translation>= v_j</translation>
    </message>
    <message>
        <source>Q (row %1 highlighted)</source>
        <translation>Q（第 %1 行高亮）</translation>
    </message>
    <message>
        <source>K (row %1 highlighted)</source>
        <translation>K（第 %1 行高亮）</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>q_i · k_j for query %1 (“%2”) and key %3 (“%4”), term by term over d_k = %5</source>
        <translation>查询 %1（“%2”）与键 %3（“%4”）的 q_i · k_j，逐项展开，共 d_k = %5 项</translation>
    </message>
    <message>
        <source>The sum of the %1 terms</source>
        <translation>%1 项之和</translation>
    </message>
    <message>
        <source>Σ terms</source>
        <translation>Σ 各项</translation>
    </message>
    <message>
        <source>score in the trace</source>
        <translation>追踪中的分数</translation>
    </message>
    <message>
        <source>Query %1&apos;s score for every key</source>
        <translation>查询 %1 对每个键的分数</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>temperature τ</source>
        <translation>温度 τ</translation>
    </message>
    <message>
        <source>A dot product of d_k numbers grows like √d_k: with d_k = %1 the scores are divided by %2, so that the softmax does not saturate (one weight near 1, the rest near 0, and gradients near 0).</source>
        <translation>d_k 个数的点积大约按 √d_k 增长：d_k = %1 时分数除以 %2，使 softmax 不会饱和（一个权重接近 1，其余接近 0，梯度也接近 0）。</translation>
    </message>
    <message>
        <source>This model does not scale its scores (scale = 1): compare the softmax with and without the division by √d_k.</source>
        <translation>该模型不缩放分数（缩放 = 1）：比较除以 √d_k 与不除以时的 softmax。</translation>
    </message>
    <message>
        <source>softmax (as the model)</source>
        <translation>softmax（模型实际）</translation>
    </message>
    <message>
        <source>softmax without 1/√d_k</source>
        <translation>不乘 1/√d_k 的 softmax</translation>
    </message>
    <message>
        <source>Query %1</source>
        <translation>查询 %1</translation>
    </message>
    <message>
        <source>Softmax without the scale</source>
        <translation>不缩放的 softmax</translation>
    </message>
    <message>
        <source>Softmax with the scale</source>
        <translation>缩放后的 softmax</translation>
    </message>
    <message>
        <source>No key is masked for query %1: it may attend to all %2 keys.</source>
        <translation>查询 %1 没有被掩码的键：它可以关注全部 %2 个键。</translation>
    </message>
    <message>
        <source>Causal mask: query %1 may only look at keys 0 to %1, because the model predicts the next token and must not see the future. %2 later key(s) are set to −∞, so that exp(−∞) = 0 gives them weight 0.</source>
        <translation>因果掩码：查询 %1 只能看键 0 到 %1，因为模型预测下一个词元，不能看到未来。后面的 %2 个键被设为 −∞，exp(−∞) = 0 使它们的权重为 0。</translation>
    </message>
    <message>
        <source>Padding mask: %1 key(s) are padding, not real tokens, and are set to −∞, so that exp(−∞) = 0 gives them weight 0.</source>
        <translation>填充掩码：%1 个键是填充而不是真实词元，被设为 −∞，exp(−∞) = 0 使它们的权重为 0。</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>掩码后</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>scaled score</source>
        <translation>缩放后的分数</translation>
    </message>
    <message>
        <source>Subtract the row&apos;s maximum first: it cancels in the division and changes nothing, but keeps every exponent ≤ 0, so exp() cannot overflow for large scores. Then exponentiate, add up, divide.</source>
        <translation>先减去该行的最大值：它在除法中相互抵消，结果不变，但使每个指数 ≤ 0，因此分数很大时 exp() 也不会溢出。然后取指数、求和、相除。</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Σ exp</source>
        <translation>Σ exp</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Query %1, column by column</source>
        <translation>查询 %1，逐列计算</translation>
    </message>
    <message>
        <source>− max</source>
        <translation>− 最大值</translation>
    </message>
    <message>
        <source>exp</source>
        <translation>exp</translation>
    </message>
    <message>
        <source>÷ Σ = a_ij</source>
        <translation>÷ Σ = a_ij</translation>
    </message>
    <message>
        <source>Attention weights of query %1 (“%2”)</source>
        <translation>查询 %1（“%2”）的注意力权重</translation>
    </message>
    <message>
        <source>The context vector mixes the encoder states, each scaled by its weight.</source>
        <translation>上下文向量是编码器状态的混合，每个状态乘以它的权重。</translation>
    </message>
    <message>
        <source>The output mixes the value vectors, each scaled by its weight: keys with weight near 0 contribute nothing.</source>
        <translation>输出是值向量的混合，每个值向量乘以它的权重：权重接近 0 的键几乎没有贡献。</translation>
    </message>
    <message>
        <source>Σ = c_i</source>
        <translation>Σ = c_i</translation>
    </message>
    <message>
        <source>Σ = z_i</source>
        <translation>Σ = z_i</translation>
    </message>
    <message>
        <source>in the trace</source>
        <translation>追踪中的值</translation>
    </message>
    <message>
        <source>a_ij · h_j for query %1 (“%2”)</source>
        <translation>查询 %1（“%2”）的 a_ij · h_j</translation>
    </message>
    <message>
        <source>a_ij · v_j for query %1 (“%2”)</source>
        <translation>查询 %1（“%2”）的 a_ij · v_j</translation>
    </message>
    <message>
        <source>All %1 heads run the same steps in parallel. Their outputs z_i are placed side by side (%1 × %2 = %3 numbers), projected by W_O, and added to the residual stream.</source>
        <translation>全部 %1 个头并行执行相同的步骤。它们的输出 z_i 并排拼接（%1 × %2 = %3 个数），经 W_O 投影后加到残差流上。</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>concat</source>
        <translation>拼接</translation>
    </message>
    <message>
        <source>Query %1: the heads&apos; outputs side by side (this head highlighted)</source>
        <translation>查询 %1：各头输出并排拼接（当前头高亮）</translation>
    </message>
    <message>
        <source>concat·W_O</source>
        <translation>拼接·W_O</translation>
    </message>
    <message>
        <source>= attention output</source>
        <translation>= 注意力输出</translation>
    </message>
    <message>
        <source>+ residual in</source>
        <translation>+ 输入残差</translation>
    </message>
    <message>
        <source>= residual out</source>
        <translation>= 输出残差</translation>
    </message>
    <message>
        <source>Output projection and residual</source>
        <translation>输出投影与残差</translation>
    </message>
    <message>
        <source>Projection W·h_j</source>
        <translation>投影 W·h_j</translation>
    </message>
    <message>
        <source>Scores e_ij = s_iᵀ·(W·h_j)</source>
        <translation>分数 e_ij = s_iᵀ·(W·h_j)</translation>
    </message>
</context>
<context>
    <name>attn::WalkthroughExport</name>
    <message>
        <source>Attention, step by step</source>
        <translation>注意力，一步一步</translation>
    </message>
    <message>
        <source>Could not start a PDF for %1</source>
        <translation>无法为 %1 创建 PDF</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>attn::WalkthroughRnnSteps</name>
    <message>
        <source>Decoding step %1 (output token “%2”). The decoder&apos;s previous state s_{i−1} asks the question; the encoder&apos;s states h_j, one per source token, are both the keys and the values.</source>
        <translation>解码第 %1 步（输出词元“%2”）。解码器的上一个状态 s_{i−1} 提出问题；编码器的状态 h_j（每个源词元一个）既是键也是值。</translation>
    </message>
    <message>
        <source>Decoder state s_{i−1}</source>
        <translation>解码器状态 s_{i−1}</translation>
    </message>
    <message>
        <source>Encoder states h_j (one row per source token)</source>
        <translation>编码器状态 h_j（每个源词元一行）</translation>
    </message>
    <message>
        <source>W·s_{i−1}: the decoder state projected (A = %1)</source>
        <translation>W·s_{i−1}：投影后的解码器状态（A = %1）</translation>
    </message>
    <message>
        <source>U·h_j: every encoder state projected</source>
        <translation>U·h_j：投影后的每个编码器状态</translation>
    </message>
    <message>
        <source>Both are projected into the same attention space of A numbers, so that they can be added.</source>
        <translation>两者都被投影到同一个 A 维的注意力空间，因此可以相加。</translation>
    </message>
    <message>
        <source>Luong&apos;s general score compares the decoder state s_i (%1 numbers) with each encoder state h_j (%2 numbers) through one learned matrix W: first W·h_j maps h_j into the decoder&apos;s space.</source>
        <translation>Luong 的 general 分数通过一个学习得到的矩阵 W 比较解码器状态 s_i（%1 个数）与每个编码器状态 h_j（%2 个数）：先用 W·h_j 把 h_j 映射到解码器的空间。</translation>
    </message>
    <message>
        <source>W (%1 × %2) and the encoder state h_%3 (“%4”)</source>
        <translation>W（%1 × %2）与编码器状态 h_%3（“%4”）</translation>
    </message>
    <message>
        <source>Σ_d W[a][d]·h_j[d]</source>
        <translation>Σ_d W[a][d]·h_j[d]</translation>
    </message>
    <message>
        <source>W·h_j in the trace</source>
        <translation>追踪中的 W·h_j</translation>
    </message>
    <message>
        <source>W·h_j for key %1 (“%2”)</source>
        <translation>键 %1（“%2”）的 W·h_j</translation>
    </message>
    <message>
        <source>W·h_j for every encoder state (row %1 highlighted)</source>
        <translation>每个编码器状态的 W·h_j（第 %1 行高亮）</translation>
    </message>
    <message>
        <source>e_ij for query %1 (“%2”) and key %3 (“%4”), term by term over A = %5</source>
        <translation>查询 %1（“%2”）与键 %3（“%4”）的 e_ij，逐项展开，共 A = %5 项</translation>
    </message>
    <message>
        <source>e_ij = s_i · (W·h_j) for query %1 (“%2”) and key %3 (“%4”), term by term over %5 numbers</source>
        <translation>查询 %1（“%2”）与键 %3（“%4”）的 e_ij = s_i · (W·h_j)，逐项展开，共 %5 项</translation>
    </message>
</context>
<context>
    <name>attn::WalkthroughView</name>
    <message>
        <source>No attention trace yet: load or train a model and pick an input.</source>
        <translation>还没有注意力追踪：请加载或训练模型并选择输入。</translation>
    </message>
    <message>
        <source>The walkthrough cannot show this block: %1</source>
        <translation>分步讲解无法显示此块：%1</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Previous step (Left)</source>
        <translation>上一步（左方向键）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play the steps (Space)</source>
        <translation>依次播放各步（空格键）</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Next step (Right)</source>
        <translation>下一步（右方向键）</translation>
    </message>
    <message>
        <source>Jump to a step</source>
        <translation>跳到某一步</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>块</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Query i</source>
        <translation>查询 i</translation>
    </message>
    <message>
        <source>Key j</source>
        <translation>键 j</translation>
    </message>
    <message>
        <source>The key whose score is expanded term by term</source>
        <translation>逐项展开其分数的键</translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation>小数位</translation>
    </message>
    <message>
        <source>Softmax without √d_k</source>
        <translation>不除以 √d_k 的 softmax</translation>
    </message>
    <message>
        <source>Export slides…</source>
        <translation>导出幻灯片…</translation>
    </message>
    <message>
        <source>Save the steps as a PDF (one page per step) or as PNG images</source>
        <translation>把各步保存为 PDF（每步一页）或 PNG 图片</translation>
    </message>
    <message>
        <source>There is no step %1</source>
        <translation>没有第 %1 步</translation>
    </message>
    <message>
        <source>Export walkthrough slides</source>
        <translation>导出分步讲解幻灯片</translation>
    </message>
    <message>
        <source>PDF, one page per step (*.pdf);;PNG images, one per step (*.png)</source>
        <translation>PDF，每步一页 (*.pdf);;PNG 图片，每步一张 (*.png)</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Click a token to walk through its query row (Up, Down: previous and next query); right-click a token to expand its key</source>
        <translation>单击词元以逐步查看它的查询行（上、下键：上一个和下一个查询）；右键单击词元以展开它的键</translation>
    </message>
</context>
<context>
    <name>attn::cli</name>
    <message>
        <source>bench --config tiny|small|long|seq2seq-gru|seq2seq-tf|classify [--threads N]
        [--steps N] [--json]

tiny, small and long are GPT-2-style language models (tokens/s, GFLOP/s, MFU);
seq2seq-gru, seq2seq-tf and classify measure examples/s with 1 and 2 threads
(or --threads N) on random batches.</source>
        <translation>bench --config tiny|small|long|seq2seq-gru|seq2seq-tf|classify [--threads N]
        [--steps N] [--json]

tiny、small 和 long 是 GPT-2 风格的语言模型（tokens/s、GFLOP/s、MFU）；
seq2seq-gru、seq2seq-tf 和 classify 在随机批次上用 1 个和 2 个线程
（或 --threads N）测量 examples/s。</translation>
    </message>
    <message>
        <source>Measure the engine&apos;s training speed (tokens/s, GFLOP/s, MFU; examples/s).</source>
        <translation>测量引擎的训练速度（tokens/s、GFLOP/s、MFU；examples/s）。</translation>
    </message>
    <message>
        <source>Train a model on a built-in task, a text file or a CSV/TSV table and save it.</source>
        <translation>在内置任务、文本文件或 CSV/TSV 表格上训练模型并保存。</translation>
    </message>
    <message>
        <source>eval --model FILE (--task NAME | --data FILE) [--batches N] [--batch N] [--seed N]
        [--source-column C --target-column C | --text-column C --label-column C]
        [--threads N] [--json]</source>
        <translation>eval --model FILE (--task NAME | --data FILE) [--batches N] [--batch N] [--seed N]
        [--source-column C --target-column C | --text-column C --label-column C]
        [--threads N] [--json]</translation>
    </message>
    <message>
        <source>Loss, accuracy and exact match (tasks, seq2seq) or F1 (classifiers) of a saved model.</source>
        <translation>已保存模型的损失、准确率和完全匹配率（任务、序列到序列）或 F1（分类器）。</translation>
    </message>
    <message>
        <source>generate --model FILE|HF_FOLDER --prompt TEXT [--tokens N] [--temperature X]
        [--top-k N] [--top-p X] [--seed N] [--greedy] [--beam N] [--threads N]

A language model continues the prompt. A seq2seq model writes its output for the
prompt (greedy, or beam search with --beam N); a classifier prints each label with
its probability.</source>
        <translation>generate --model FILE|HF_FOLDER --prompt TEXT [--tokens N] [--temperature X]
        [--top-k N] [--top-p X] [--seed N] [--greedy] [--beam N] [--threads N]

语言模型续写提示词。序列到序列模型为提示词写出输出（贪心解码，或用 --beam N
进行束搜索）；分类器输出每个标签及其概率。</translation>
    </message>
    <message>
        <source>Continue a prompt, translate it (seq2seq) or classify it with a saved model.</source>
        <translation>用已保存的模型续写提示词、翻译它（序列到序列）或对它分类。</translation>
    </message>
    <message>
        <source>trace --model FILE|HF_FOLDER (--ids 5,17,3 | --text TEXT) [--target TEXT]
        --out TRACE.safetensors [--json]

Tensors per attention block: &lt;block&gt;.q, .k, .v (H, Tq, d_k), .scores (H, Tq, Tk;
scaled, before the mask), .weights (H, Tq, Tk), .out (Tq, C), and logits. Blocks:
layers.L.attn (lm); encoder.layers.L.attn, decoder.layers.L.self and
decoder.layers.L.cross (seq2seq-transformer); cross (seq2seq-rnn, weights
(T_tgt, T_src)); pool (classifier, weights (T)). For seq2seq, --text is the source
and the decoder reads &lt;bos&gt; and --target, or the greedy output when none is given.</source>
        <translation>trace --model FILE|HF_FOLDER (--ids 5,17,3 | --text TEXT) [--target TEXT]
        --out TRACE.safetensors [--json]

每个注意力块的张量：&lt;block&gt;.q、.k、.v (H, Tq, d_k)，.scores (H, Tq, Tk；
已缩放，在掩码之前)，.weights (H, Tq, Tk)，.out (Tq, C)，以及 logits。注意力块：
layers.L.attn (lm)；encoder.layers.L.attn、decoder.layers.L.self 和
decoder.layers.L.cross (seq2seq-transformer)；cross (seq2seq-rnn，权重
(T_tgt, T_src))；pool (分类器，权重 (T))。对序列到序列模型，--text 是源序列，
解码器读取 &lt;bos&gt; 和 --target，未给出时读取贪心解码的输出。</translation>
    </message>
    <message>
        <source>Write every attention intermediate of one forward pass as safetensors.</source>
        <translation>将一次前向传播中注意力的每个中间结果写为 safetensors 文件。</translation>
    </message>
    <message>
        <source>walkthrough --model FILE (--text TEXT | --ids 5,17,3) [--layer L | --block NAME]
        [--head H] [--query I] [--key J] [--precision 2-6] [--unscaled]
        --out STEPS.pdf [--png PREFIX] [--json]

Indices count from 0. Defaults: --layer 0 --head 0, --query the last token,
--key the query, --precision 4. --png writes PREFIX-1.png ... one per step.</source>
        <translation>walkthrough --model FILE (--text TEXT | --ids 5,17,3) [--layer L | --block NAME]
        [--head H] [--query I] [--key J] [--precision 2-6] [--unscaled]
        --out STEPS.pdf [--png PREFIX] [--json]

索引从 0 开始。默认值：--layer 0 --head 0，--query 为最后一个词元，
--key 与查询相同，--precision 4。--png 为每一步写出一张 PREFIX-1.png ……</translation>
    </message>
    <message>
        <source>Export the softmax(QK^T/sqrt(d_k))V walkthrough of one query as slides (PDF, PNG).</source>
        <translation>将一个查询的 softmax(QK^T/sqrt(d_k))V 分步讲解导出为幻灯片（PDF、PNG）。</translation>
    </message>
    <message>
        <source>render --model FILE --text TEXT --view heatmap|grid|lines|loss [--layer L]
        [--head H|mean] --out FIG.png|svg|pdf [--width W] [--height H] [--scale S]
        [--theme light|dark|high-contrast] [--history LOSS.json] [--json]

Defaults: --view heatmap --layer 0 --head mean --theme light; size 1000x800 for the
heatmap and loss, the content&apos;s size for grid and lines; PNG pixels are --scale 2
times that. --view loss draws the loss history
of the model file&apos;s training summary, or of --history (File &gt; Export &gt; Loss History).</source>
        <translation>render --model FILE --text TEXT --view heatmap|grid|lines|loss [--layer L]
        [--head H|mean] --out FIG.png|svg|pdf [--width W] [--height H] [--scale S]
        [--theme light|dark|high-contrast] [--history LOSS.json] [--json]

默认值：--view heatmap --layer 0 --head mean --theme light；热力图和损失曲线的尺寸为
1000x800，grid 和 lines 为内容本身的尺寸；PNG 像素为其 --scale 2 倍。
--view loss 绘制模型文件训练摘要中的损失历史，或 --history 中的损失历史
（文件 &gt; 导出 &gt; 损失历史）。</translation>
    </message>
    <message>
        <source>Draw a view of a model (heatmap, all heads, lines, loss) to PNG, SVG or PDF.</source>
        <translation>将模型的视图（热力图、所有注意力头、连线图、损失曲线）绘制为 PNG、SVG 或 PDF。</translation>
    </message>
    <message>
        <source>tokenize --model HF_FOLDER|FILE --text TEXT [--json]</source>
        <translation>tokenize --model HF_FOLDER|FILE --text TEXT [--json]</translation>
    </message>
    <message>
        <source>Print the token ids of a text under a model&apos;s tokenizer (comma-separated or JSON).</source>
        <translation>输出文本在模型分词器下的词元 ID（逗号分隔或 JSON）。</translation>
    </message>
    <message>
        <source>Usage: attentionlab-cli COMMAND [OPTIONS]
       attentionlab-cli --version | --help

Train, inspect and trace attention models without the GUI.

Commands:
</source>
        <translation>用法：attentionlab-cli 命令 [选项]
      attentionlab-cli --version | --help

无需图形界面即可训练、检查和追踪注意力模型。

命令：
</translation>
    </message>
    <message>
        <source>Run &apos;attentionlab-cli COMMAND --help&apos; for a command&apos;s options.</source>
        <translation>运行 &apos;attentionlab-cli 命令 --help&apos; 查看该命令的选项。</translation>
    </message>
    <message>
        <source>%1 thread(s)</source>
        <translation>%1 个线程</translation>
    </message>
    <message>
        <source>Usage: attentionlab-cli %1</source>
        <translation>用法：attentionlab-cli %1</translation>
    </message>
    <message>
        <source>internal error: %1</source>
        <translation>内部错误：%1</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos; (run &apos;attentionlab-cli --help&apos; for the list)</source>
        <translation>未知命令 &apos;%1&apos;（运行 &apos;attentionlab-cli --help&apos; 查看命令列表）</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1 步</translation>
    </message>
    <message>
        <source>training %1 on %2: %3 parameters, vocab %4, context %5, %6, %7 thread(s)</source>
        <translation>在 %2 上训练 %1：%3 个参数，词表 %4，上下文 %5，%6，%7 个线程</translation>
    </message>
    <message>
        <source>training %1 on %2: %3 parameters, vocab %4, %6, %7 thread(s)</source>
        <translation>在 %2 上训练 %1：%3 个参数，词表 %4，%6，%7 个线程</translation>
    </message>
    <message>
        <source>interrupted after %1 steps: saving %2</source>
        <translation>已在 %1 步后中断：正在保存 %2</translation>
    </message>
    <message>
        <source>%1 steps in %2 s: train loss %3, val loss %4</source>
        <translation>%1 步，用时 %2 秒：训练损失 %3，验证损失 %4</translation>
    </message>
    <message>
        <source>saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>, exact match %1 (%2 examples)</source>
        <translation>，完全匹配率 %1（%2 个样本）</translation>
    </message>
    <message>
        <source>, accuracy %1 (majority class %2), macro F1 %3 (%4 examples)</source>
        <translation>，准确率 %1（多数类基线 %2），宏平均 F1 %3（%4 个样本）</translation>
    </message>
    <message>
        <source>%1 on %2: loss %3</source>
        <translation>%1 在 %2 上：损失 %3</translation>
    </message>
    <message>
        <source>%1 on %2: loss %3, token accuracy %4 over %5 tokens</source>
        <translation>%1 在 %2 上：损失 %3，%5 个词元上的词元准确率 %4</translation>
    </message>
    <message>
        <source>loss curves of %1 logged step(s)</source>
        <translation>%1 个已记录步的损失曲线</translation>
    </message>
    <message>
        <source>all heads (%1 x %2) for %3 token(s)</source>
        <translation>%3 个词元的全部注意力头（%1 × %2）</translation>
    </message>
    <message>
        <source>%1 of layer %2, mean of heads for %3 token(s)</source>
        <translation>第 %2 层的 %1，%3 个词元，各注意力头的平均</translation>
    </message>
    <message>
        <source>%1 of layer %2, head %3 for %4 token(s)</source>
        <translation>第 %2 层的 %1，注意力头 %3，%4 个词元</translation>
    </message>
    <message>
        <source>wrote %1: %2, %3x%4 at %5x (%6 bytes)</source>
        <translation>已写入 %1：%2，%3x%4，%5 倍缩放（%6 字节）</translation>
    </message>
    <message>
        <source>wrote %1: %2, %3x%4 (%5 bytes)</source>
        <translation>已写入 %1：%2，%3x%4（%5 字节）</translation>
    </message>
    <message>
        <source>wrote %1: %2 tensors for %3 tokens, %4 attention block(s)</source>
        <translation>已写入 %1：%3 个词元的 %2 个张量，%4 个注意力块</translation>
    </message>
    <message>
        <source>wrote %1: %2 steps for query %3 (&quot;%4&quot;) of %5 head %6</source>
        <translation>已写入 %1：%5 注意力头 %6 中查询 %3（&quot;%4&quot;）的 %2 个步骤</translation>
    </message>
    <message>
        <source>wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <source>  model       %1</source>
        <translation>  模型        %1</translation>
    </message>
    <message>
        <source>  layers %1, heads %2, d_model %3 (head dim %4), d_ff %5, context %6, vocab %7, dropout %8</source>
        <translation>  %1 层，%2 个注意力头，d_model %3（每个头的维度 %4），d_ff %5，上下文长度 %6，词表 %7，dropout %8</translation>
    </message>
    <message>
        <source>  config      %1</source>
        <translation>  配置        %1</translation>
    </message>
    <message>
        <source>  parameters  %1</source>
        <translation>  参数量      %1</translation>
    </message>
    <message>
        <source>  tokenizer   %1, %2 tokens</source>
        <translation>  分词器      %1，%2 个词元</translation>
    </message>
    <message>
        <source>  tokenizer   none</source>
        <translation>  分词器      无</translation>
    </message>
    <message>
        <source>  training    %1 steps, train loss %2, val loss %3</source>
        <translation>  训练        %1 步，训练损失 %2，验证损失 %3</translation>
    </message>
    <message>
        <source>, data %1</source>
        <translation>，数据 %1</translation>
    </message>
    <message>
        <source>  warning     %1</source>
        <translation>  警告        %1</translation>
    </message>
    <message>
        <source>[%1] %2% step %3  loss %4  val %5  ETA %6 </source>
        <translation>[%1] %2% 第 %3 步  损失 %4  验证 %5  剩余 %6 </translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>step %1/%2</source>
        <translation>第 %1/%2 步</translation>
    </message>
    <message>
        <source>  loss %1  val %2  lr %3  %4 elapsed</source>
        <translation>  损失 %1  验证 %2  学习率 %3  已用 %4</translation>
    </message>
    <message>
        <source>train (--task copy|reverse|sort|addition|dates | --data FILE [--format lm|pairs|classify])
        [--model lm|seq2seq-rnn|seq2seq-transformer|classifier]
        [--attention additive|dot|general|scaled-dot] [--rnn gru|lstm]
        [--layers N] [--heads N] [--d-model N] [--context N] [--dropout X]
        [--positions learned|sinusoidal] [--teacher-forcing X]
        [--tokenizer char|word|bpe] [--vocab N]
        [--source-column C --target-column C | --text-column C --label-column C]
        [--validation X] [--lr X] [--batch N] [--steps N | --minutes X] [--seed N]
        [--threads N] [--warmup N] [--eval-every N] --out FILE [--json]

Defaults: --model lm --layers 2 --heads 4 --d-model 64 (RNNs: hidden units per
direction) --context 64 (tasks: their sequence length) --dropout 0 --tokenizer char
--validation 0.1 (files: the share held out) --lr 0.003 --batch 32 --steps 1000
--warmup min(50, steps/10) --eval-every 100 --seed 1 --threads 0 (all cores).
Transformers: --positions learned (sinusoidal: Vaswani et al.&apos;s fixed sinusoids).
seq2seq-rnn: --attention additive --rnn gru --teacher-forcing 1. A classifier
without --rnn has a Transformer encoder; with --rnn gru|lstm a BiGRU/BiLSTM. The
format follows the model: lm reads text, seq2seq models read pairs (a task, or a
table&apos;s first two columns), a classifier reads a table&apos;s &quot;text&quot; and &quot;label&quot;
columns (else its first and last). Ctrl-C stops training and saves the model.</source>
        <translation>train (--task copy|reverse|sort|addition|dates | --data FILE [--format lm|pairs|classify])
        [--model lm|seq2seq-rnn|seq2seq-transformer|classifier]
        [--attention additive|dot|general|scaled-dot] [--rnn gru|lstm]
        [--layers N] [--heads N] [--d-model N] [--context N] [--dropout X]
        [--positions learned|sinusoidal] [--teacher-forcing X]
        [--tokenizer char|word|bpe] [--vocab N]
        [--source-column C --target-column C | --text-column C --label-column C]
        [--validation X] [--lr X] [--batch N] [--steps N | --minutes X] [--seed N]
        [--threads N] [--warmup N] [--eval-every N] --out FILE [--json]

默认值：--model lm --layers 2 --heads 4 --d-model 64（RNN：每个方向的隐藏单元数）
--context 64（任务：其序列长度）--dropout 0 --tokenizer char
--validation 0.1（文件：留出的比例）--lr 0.003 --batch 32 --steps 1000
--warmup min(50, steps/10) --eval-every 100 --seed 1 --threads 0（所有核心）。
Transformer：--positions learned（sinusoidal：Vaswani 等人的固定正弦位置编码）。
seq2seq-rnn：--attention additive --rnn gru --teacher-forcing 1。不带 --rnn 的分类器
使用 Transformer 编码器；带 --rnn gru|lstm 时使用 BiGRU/BiLSTM。数据格式随模型而定：
lm 读取文本，序列到序列模型读取句对（任务，或表格的前两列），分类器读取表格的
&quot;text&quot; 和 &quot;label&quot; 列（否则为第一列和最后一列）。按 Ctrl-C 停止训练并保存模型。</translation>
    </message>
    <message>
        <source>info [FILE] [--json]</source>
        <translation>info [FILE] [--json]</translation>
    </message>
    <message>
        <source>Show a model file&apos;s configuration, size, tokenizer and training summary; without a file, the engine&apos;s (its instruction set).</source>
        <translation>显示模型文件的配置、大小、分词器和训练摘要；不给文件时显示引擎的信息（它使用的指令集）。</translation>
    </message>
    <message>
        <source>engine: %1</source>
        <translation>引擎：%1</translation>
    </message>
</context>
<context>
    <name>attn::gui::AboutDialog</name>
    <message>
        <source>Copy Versions</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <source>AttentionLab %1
Qt %2 (built with %3)
Eigen %4
QCustomPlot %5
OpenMP threads: %6
SIMD: %7
Compiler: %8</source>
        <translation>AttentionLab %1
Qt %2（编译时版本 %3）
Eigen %4
QCustomPlot %5
OpenMP 线程数：%6
SIMD：%7
编译器：%8</translation>
    </message>
    <message>
        <source>Engine: %1</source>
        <translation>引擎：%1</translation>
    </message>
    <message>
        <source>About AttentionLab</source>
        <translation>关于 AttentionLab</translation>
    </message>
    <message>
        <source>AttentionLab</source>
        <translation>AttentionLab</translation>
    </message>
    <message>
        <source>Watch the attention mechanism learn: train small attention models and see every step of softmax(QKᵀ/√dₖ)V with real numbers.</source>
        <translation>观察注意力机制如何学习：训练小型注意力模型，用真实数值查看 softmax(QKᵀ/√dₖ)V 的每一步计算。</translation>
    </message>
    <message>
        <source>Licensed under the GNU General Public License, version 3 or later.</source>
        <translation>依据 GNU 通用公共许可证第 3 版或更高版本授权。</translation>
    </message>
</context>
<context>
    <name>attn::gui::Appearance</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;High Contrast (for projectors)</source>
        <translation>高对比度（适合投影）(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Larger Text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller Text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Normal Text Size</source>
        <translation>正常文字大小(&amp;N)</translation>
    </message>
</context>
<context>
    <name>attn::gui::DataPanel</name>
    <message>
        <source>Classification on %1: the model learns the label of each text (the table&apos;s text and label columns).</source>
        <translation>在 %1 上进行文本分类：模型学习每段文本的标签（表格的文本列和标签列）。</translation>
    </message>
    <message>
        <source>Sequence to sequence on %1: the model learns to write each row&apos;s target from its source (the table&apos;s first two columns).</source>
        <translation>在 %1 上进行序列到序列学习：模型学习根据每行的源序列写出目标序列（表格的前两列）。</translation>
    </message>
    <message>
        <source>Language modelling on %1: the model learns to predict each next token of the text.</source>
        <translation>在 %1 上进行语言建模：模型学习预测文本中的每一个下一个词元。</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n distinct character(s)</source>
        <translation>
            <numerusform>%n 个不同字符</numerusform>
        </translation>
    </message>
    <message>
        <source>Built-in task: %1</source>
        <translation>内置任务：%1</translation>
    </message>
    <message>
        <source>Expected attention: %1</source>
        <translation>预期的注意力模式：%1</translation>
    </message>
    <message>
        <source>Train on</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>A built-in task that shows a clear attention pattern, or the text file you opened</source>
        <translation>选择一个能呈现清晰注意力模式的内置任务，或你打开的文本文件。</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>分词方式</translation>
    </message>
    <message>
        <source>How a text is cut into tokens: characters, words (each Chinese character its own word), or byte-pair encoding</source>
        <translation>分词器如何把文本切分为词元：按字符、按词（每个汉字单独算一个词）或使用字节对编码。</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词</translation>
    </message>
    <message>
        <source>Byte-pair encoding</source>
        <translation>字节对编码（BPE）</translation>
    </message>
    <message>
        <source>GPT-2&apos;s own</source>
        <translation>GPT-2 自带</translation>
    </message>
    <message>
        <source>The model&apos;s own (%1)</source>
        <translation>模型自带（%1）</translation>
    </message>
    <message>
        <source>Paste Text…</source>
        <translation>粘贴文本…</translation>
    </message>
    <message>
        <source>Train on text you paste: it is saved as a file and opened</source>
        <translation>用粘贴的文本训练：文本会保存为文件并打开</translation>
    </message>
    <message>
        <source>Probe example (the input the attention views follow), one chip a token:</source>
        <translation>探针样例（注意力视图跟随的输入），每个色块是一个词元：</translation>
    </message>
    <message>
        <source>Text: %1</source>
        <translation>文本：%1</translation>
    </message>
    <message>
        <source>Copy (diagonal)</source>
        <translation>复制（对角线）</translation>
    </message>
    <message>
        <source>Reverse (anti-diagonal)</source>
        <translation>反转（反对角线）</translation>
    </message>
    <message>
        <source>Sort digits</source>
        <translation>数字排序</translation>
    </message>
    <message>
        <source>Addition</source>
        <translation>加法</translation>
    </message>
    <message>
        <source>Date normalisation</source>
        <translation>日期规范化</translation>
    </message>
    <message>
        <source>repeat a string of letters</source>
        <translation>原样重复一串字母</translation>
    </message>
    <message>
        <source>write a string of letters backwards</source>
        <translation>把一串字母倒序写出</translation>
    </message>
    <message>
        <source>sort a string of digits</source>
        <translation>把一串数字从小到大排序</translation>
    </message>
    <message>
        <source>add two decimal numbers</source>
        <translation>计算两个十进制数之和</translation>
    </message>
    <message>
        <source>write a date given in one of over 40 English, Chinese and numeric formats as YYYY-MM-DD</source>
        <translation>把以 40 多种英文、中文或数字格式之一给出的日期改写为 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>diagonal: each answer symbol looks at the same position</source>
        <translation>对角线：答案中的每个符号都关注输入中相同位置的符号</translation>
    </message>
    <message>
        <source>anti-diagonal: the i-th answer symbol looks at the i-th from the end</source>
        <translation>反对角线：答案的第 i 个符号关注输入中倒数第 i 个符号</translation>
    </message>
    <message>
        <source>each answer digit looks at where that digit occurs in the input</source>
        <translation>答案中的每个数字都关注该数字在输入中出现的位置</translation>
    </message>
    <message>
        <source>answer digits look at the aligned digits (and the carry) of both numbers</source>
        <translation>答案的各位数字关注两个加数对齐的对应位（以及进位）</translation>
    </message>
    <message>
        <source>answer year, month and day look at the words and numbers that carry them, wherever they are</source>
        <translation>答案中的年、月、日关注输入里表示它们的词和数字，无论它们出现在哪里</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>样例</translation>
    </message>
    <message>
        <source>generated on the fly</source>
        <translation>训练时即时生成</translation>
    </message>
    <message>
        <source>%1 training · %2 validation</source>
        <translation>训练 %1 · 验证 %2</translation>
    </message>
    <message>
        <source>Tokens</source>
        <comment>how many tokens the text has</comment>
        <translation>词元数</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln 个词元</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>source %Ln</source>
        <translation>
            <numerusform>源序列 %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Longest sequence</source>
        <translation>最长序列</translation>
    </message>
    <message>
        <source>pasted text</source>
        <translation>粘贴的文本</translation>
    </message>
    <message>
        <source>%1: cannot save the pasted text (%2).</source>
        <translation>%1：无法保存粘贴的文本（%2）。</translation>
    </message>
    <message>
        <source>Paste Text</source>
        <translation>粘贴文本</translation>
    </message>
    <message>
        <source>Text to train on (it is saved as a file in the app&apos;s data folder and opened):</source>
        <translation>用于训练的文本（会保存为应用数据文件夹中的文件并打开）：</translation>
    </message>
    <message>
        <source>Use This Text</source>
        <translation>使用此文本</translation>
    </message>
</context>
<context>
    <name>attn::gui::ExportActions</name>
    <message>
        <source>Export View</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export Attention Data</source>
        <translation>导出注意力数据</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export Loss History</source>
        <translation>导出损失历史</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>View as &amp;Image…</source>
        <translation>将视图导出为图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Save the current view as a PNG, SVG or PDF file</source>
        <translation>将当前视图保存为 PNG、SVG 或 PDF 文件</translation>
    </message>
    <message>
        <source>Attention &amp;Data…</source>
        <translation>注意力数据(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the attention matrix shown in the heatmap as a CSV or JSON file</source>
        <translation>将热力图中显示的注意力矩阵保存为 CSV 或 JSON 文件</translation>
    </message>
    <message>
        <source>&amp;Loss History…</source>
        <translation>损失历史(&amp;L)…</translation>
    </message>
    <message>
        <source>Save the logged training steps as a CSV or JSON file</source>
        <translation>将记录的训练步骤保存为 CSV 或 JSON 文件</translation>
    </message>
    <message>
        <source>Cannot save %1: no view is shown</source>
        <translation>无法保存 %1：没有显示任何视图</translation>
    </message>
    <message>
        <source>Cannot save %1: expected a .csv or .json file name</source>
        <translation>无法保存 %1：文件名应以 .csv 或 .json 结尾</translation>
    </message>
    <message>
        <source>Cannot Export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>attn::gui::FileActions</name>
    <message>
        <source>Open Text</source>
        <translation>打开文本</translation>
    </message>
    <message>
        <source>Text files (*.txt *.tsv *.csv);;All files (*)</source>
        <translation>文本文件 (*.txt *.tsv *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>AttentionLab models (*.safetensors);;All files (*)</source>
        <translation>AttentionLab 模型 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot Save Model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Sample Text</source>
        <translation>打开示例文本(&amp;S)</translation>
    </message>
    <message>
        <source>Open &amp;Demo Model</source>
        <translation>打开演示模型(&amp;D)</translation>
    </message>
    <message>
        <source>Open &amp;Text…</source>
        <translation>打开文本(&amp;T)…</translation>
    </message>
    <message>
        <source>Load a text, TSV or CSV file to train on</source>
        <translation>加载用于训练的文本、TSV 或 CSV 文件</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Open a saved AttentionLab model (.safetensors)</source>
        <translation>打开已保存的 AttentionLab 模型（.safetensors）</translation>
    </message>
    <message>
        <source>Save Model &amp;As…</source>
        <translation>模型另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <source>Open &amp;Pretrained Model Folder…</source>
        <translation>打开预训练模型文件夹(&amp;P)…</translation>
    </message>
    <message>
        <source>Open a Hugging Face GPT-2 folder (config.json, model.safetensors, vocab.json, merges.txt)</source>
        <translation>打开 Hugging Face GPT-2 模型文件夹（config.json、model.safetensors、vocab.json、merges.txt）</translation>
    </message>
    <message>
        <source>Cannot Open File</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>%1: no such file.</source>
        <translation>%1：文件不存在。</translation>
    </message>
    <message>
        <source>Cannot Open Model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>%1: not a model folder (it has no config.json).</source>
        <translation>%1：不是模型文件夹（其中没有 config.json）。</translation>
    </message>
    <message>
        <source>Stop training before opening a model.</source>
        <translation>请先停止训练，再打开模型。</translation>
    </message>
    <message>
        <source>Open %1 in its place?</source>
        <translation>打开 %1 来替换它吗？</translation>
    </message>
    <message>
        <source>Cannot Open Text</source>
        <translation>无法打开文本</translation>
    </message>
    <message>
        <source>Stop training before opening a text.</source>
        <translation>请先停止训练，再打开文本。</translation>
    </message>
    <message>
        <source>Open %1 and build a new model for it?</source>
        <translation>打开 %1 并为它构建新模型吗？</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Open Pretrained Model Folder</source>
        <translation>打开预训练模型文件夹</translation>
    </message>
    <message>
        <source>English Text</source>
        <translation>英文文本</translation>
    </message>
    <message>
        <source>Chinese Text</source>
        <translation>中文文本</translation>
    </message>
    <message>
        <source>Film Reviews with Sentiment Labels (for a classifier)</source>
        <translation>带情感标签的影评（用于分类器）</translation>
    </message>
    <message>
        <source>Sentence Pairs (for an encoder-decoder)</source>
        <translation>句对（用于编码器-解码器）</translation>
    </message>
    <message>
        <source>Reverse a Word (Transformer language model)</source>
        <translation>反转单词（Transformer 语言模型）</translation>
    </message>
    <message>
        <source>English Characters (Transformer language model)</source>
        <translation>英文字符（Transformer 语言模型）</translation>
    </message>
    <message>
        <source>Chinese Characters (Transformer language model)</source>
        <translation>中文字符（Transformer 语言模型）</translation>
    </message>
    <message>
        <source>Reverse a Word (Transformer encoder-decoder)</source>
        <translation>反转单词（Transformer 编码器-解码器）</translation>
    </message>
    <message>
        <source>Dates to ISO Format (RNN with Bahdanau attention)</source>
        <translation>日期转换为 ISO 格式（带 Bahdanau 注意力的 RNN）</translation>
    </message>
    <message>
        <source>Sentiment of a Review (attention-pooling classifier)</source>
        <translation>影评的情感（注意力池化分类器）</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>Cannot Open Sample</source>
        <translation>无法打开示例</translation>
    </message>
    <message>
        <source>%1: cannot be copied to %2 (%3).</source>
        <translation>%1：无法复制到 %2（%3）。</translation>
    </message>
    <message>
        <source>Pause or stop training before saving.</source>
        <translation>请先暂停或停止训练，再保存。</translation>
    </message>
    <message>
        <source>Save Model As</source>
        <translation>模型另存为</translation>
    </message>
    <message>
        <source>AttentionLab models (*.safetensors)</source>
        <translation>AttentionLab 模型 (*.safetensors)</translation>
    </message>
</context>
<context>
    <name>attn::gui::InferenceEngine</name>
    <message>
        <source>No model yet.</source>
        <translation>还没有模型。</translation>
    </message>
    <message>
        <source>Type some text for the model to continue.</source>
        <translation>请输入一些文本让模型续写。</translation>
    </message>
    <message>
        <source>Type some text to classify.</source>
        <translation>请输入要分类的文本。</translation>
    </message>
    <message>
        <source>Type a source text to translate.</source>
        <translation>请输入要翻译的源文本。</translation>
    </message>
    <message>
        <source>This kind of model (%1) has no inference view yet.</source>
        <translation>这种模型（%1）还没有推理视图。</translation>
    </message>
</context>
<context>
    <name>attn::gui::InferencePanel</name>
    <message>
        <source>No model to ask yet: build or open one.</source>
        <translation>还没有可用的模型：请先构建或打开一个模型。</translation>
    </message>
    <message>
        <source>Model at step %1</source>
        <translation>模型位于第 %1 步</translation>
    </message>
    <message>
        <source>Label probabilities</source>
        <translation>标签概率</translation>
    </message>
    <message>
        <source>Next token</source>
        <translation>下一个词元</translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>贪心</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>源序列(&amp;S)：</translation>
    </message>
    <message>
        <source>Type a source sequence, as in the training data; the model writes its output</source>
        <translation>输入一个源序列（与训练数据的格式相同），模型会写出它的输出</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Max &amp;length:</source>
        <translation>最大长度(&amp;L)：</translation>
    </message>
    <message>
        <source>The longest output to write, in tokens.</source>
        <translation>输出的最大长度，以词元计。</translation>
    </message>
    <message>
        <source>&amp;Decode</source>
        <translation>解码(&amp;D)</translation>
    </message>
    <message>
        <source>Write the model&apos;s output for the source: at each step the most likely token (greedy decoding).</source>
        <translation>写出模型对源序列的输出：每一步取最可能的词元（贪心解码）。</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>文本(&amp;T)：</translation>
    </message>
    <message>
        <source>Type a sentence to classify</source>
        <translation>输入一个要分类的句子</translation>
    </message>
    <message>
        <source>Type a prompt, e.g. the start of a sentence</source>
        <translation>输入提示，例如一句话的开头</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>长度(&amp;L)：</translation>
    </message>
    <message>
        <source>How many tokens to generate.</source>
        <translation>要生成多少个词元。</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Continue the text, sampling each token with the settings above (Enter in the text box does the same).</source>
        <translation>续写文本，按上面的设置采样每个词元（在文本框中按回车键效果相同）。</translation>
    </message>
    <message>
        <source>As the model reads it:</source>
        <translation>模型读到的词元：</translation>
    </message>
    <message>
        <source>Type some text to see the probability of each label.</source>
        <translation>输入一些文本，查看每个标签的概率。</translation>
    </message>
    <message>
        <source>Type some text to see what the model expects next.</source>
        <translation>输入一些文本，看看模型预计下一个词元是什么。</translation>
    </message>
    <message>
        <source>T&amp;emperature:</source>
        <translation>温度(&amp;E)：</translation>
    </message>
    <message>
        <source>Divides the logits before softmax: below 1 sharpens the distribution, above 1 flattens it; 0 always takes the most likely token.</source>
        <translation>在 softmax 之前用它除 logits：小于 1 使分布更尖锐，大于 1 使分布更平坦；0 总是选取最可能的词元。</translation>
    </message>
    <message>
        <source>Top-&amp;k:</source>
        <translation>Top-&amp;k：</translation>
    </message>
    <message>
        <source>Sample only among the k most likely tokens (all: no limit).</source>
        <translation>只在最可能的 k 个词元中采样（全部：不限制）。</translation>
    </message>
    <message>
        <source>Top-&amp;p:</source>
        <translation>Top-&amp;p：</translation>
    </message>
    <message>
        <source>Sample only among the most likely tokens whose probabilities add up to p (nucleus sampling).</source>
        <translation>只在概率之和达到 p 的最可能词元中采样（核采样）。</translation>
    </message>
</context>
<context>
    <name>attn::gui::MainWindow</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Restore the Autosaved Model?</source>
        <translation>恢复自动保存的模型？</translation>
    </message>
    <message>
        <source>AttentionLab did not quit cleanly last time. The model it was training was autosaved. Open it?</source>
        <translation>AttentionLab 上次没有正常退出。当时正在训练的模型已自动保存。要打开它吗？</translation>
    </message>
    <message>
        <source>AttentionLab</source>
        <translation>AttentionLab</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;About AttentionLab</source>
        <translation>关于 AttentionLab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>&amp;Follow:</source>
        <translation>跟随(&amp;F)：</translation>
    </message>
    <message>
        <source>Type a text and press Enter: the attention views show how the model reads it (empty: a validation example)</source>
        <translation>输入一段文本并按回车：注意力视图将显示模型如何读取它（留空：使用一个验证样例）</translation>
    </message>
    <message>
        <source>Save the Trained Model?</source>
        <translation>保存已训练的模型？</translation>
    </message>
    <message numerus="yes">
        <source>The model has been trained for %n step(s) and is not saved.</source>
        <translation>
            <numerusform>模型已训练 %n 步，尚未保存。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>attn::gui::ModelPanel</name>
    <message>
        <source>The model width (%1) must be divisible by the number of heads (%2): each head gets an equal slice.</source>
        <translation>模型宽度（%1）必须能被注意力头数（%2）整除：每个头分到相等的一份。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>What the model learns: to continue text (language model), to turn one sequence into another (encoder-decoder), or to label a text (classifier).</source>
        <translation>模型学习的任务：续写文本（语言模型）、把一个序列转换为另一个序列（编码器-解码器），或给文本打标签（分类器）。</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>How the decoder scores each source position: additive (Bahdanau), dot or general (Luong), or scaled dot.</source>
        <translation>解码器为每个源位置打分的方式：加性注意力（Bahdanau）、点积或一般形式（Luong），或缩放点积。</translation>
    </message>
    <message>
        <source>Encoder</source>
        <translation>编码器</translation>
    </message>
    <message>
        <source>The network that reads the text: a Transformer, or a bidirectional GRU or LSTM.</source>
        <translation>读取文本的网络：Transformer，或双向 GRU、双向 LSTM。</translation>
    </message>
    <message>
        <source>Teacher forcing</source>
        <translation>教师强制</translation>
    </message>
    <message>
        <source>Share of training steps where the decoder is fed the true previous token instead of its own guess.</source>
        <translation>训练步骤中给解码器输入真实的前一个词元（而非它自己的预测）的比例。</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>How many Transformer blocks (attention + feed-forward) are stacked.</source>
        <translation>堆叠多少个 Transformer 块（注意力 + 前馈网络）。</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <source>Attention heads per layer: each looks at the sequence with its own queries and keys.</source>
        <translation>每层的注意力头数：每个头用自己的查询和键来观察序列。</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>隐藏单元数</translation>
    </message>
    <message>
        <source>Width (d_model)</source>
        <translation>模型宽度（d_model）</translation>
    </message>
    <message>
        <source>Size of the recurrent state in each direction.</source>
        <translation>每个方向上循环状态的维度。</translation>
    </message>
    <message>
        <source>Size of each token&apos;s vector; split evenly between the heads.</source>
        <translation>每个词元向量的维度，在各注意力头之间均分。</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>The longest sequence the model reads at once, in tokens.</source>
        <translation>模型一次能读取的最长序列，以词元计。</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>丢弃率（dropout）</translation>
    </message>
    <message>
        <source>Fraction of activations zeroed at random while training, to reduce overfitting.</source>
        <translation>训练时随机置零的激活值比例，用于减轻过拟合。</translation>
    </message>
    <message>
        <source>LayerNorm</source>
        <translation>层归一化</translation>
    </message>
    <message>
        <source>Pre-LN normalises before each sublayer (GPT-2); post-LN after the residual sum (original Transformer).</source>
        <translation>Pre-LN 在每个子层之前做归一化（GPT-2）；Post-LN 在残差相加之后做归一化（原始 Transformer）。</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>How token order is encoded: learned vectors (GPT-2) or fixed sinusoids (Vaswani et al.).</source>
        <translation>词元顺序的编码方式：可学习的向量（GPT-2）或固定的正弦函数（Vaswani 等人）。</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>注意力分数</translation>
    </message>
    <message>
        <source>Divide q·k by √d_k (standard) or not, to see why the scaling keeps softmax from saturating.</source>
        <translation>选择是否将 q·k 除以 √d_k（标准做法），从而看清缩放为何能防止 softmax 饱和。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step size of the optimizer (AdamW); changes apply at the next step, even while training.</source>
        <translation>优化器（AdamW）的步长；修改会在下一步生效，训练进行中也是如此。</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Keep the learning rate constant, or warm it up and then decay it along a cosine.</source>
        <translation>保持学习率不变，或先预热、再按余弦曲线衰减。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Sequences per training step.</source>
        <translation>每个训练步使用的序列数。</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Optimizer updates in a full run.</source>
        <translation>一次完整训练中优化器更新的次数。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Same seed, same data and threads: the same initial weights and the same losses.</source>
        <translation>随机种子、数据和线程数都相同时，初始权重和损失也完全相同。</translation>
    </message>
    <message>
        <source>Transformer language model</source>
        <translation>Transformer 语言模型</translation>
    </message>
    <message>
        <source>RNN encoder-decoder with attention</source>
        <translation>带注意力的 RNN 编码器-解码器</translation>
    </message>
    <message>
        <source>Transformer encoder-decoder</source>
        <translation>Transformer 编码器-解码器</translation>
    </message>
    <message>
        <source>Attention classifier</source>
        <translation>注意力分类器</translation>
    </message>
    <message>
        <source>Additive (Bahdanau)</source>
        <translation>加性注意力（Bahdanau）</translation>
    </message>
    <message>
        <source>Dot (Luong)</source>
        <translation>点积（Luong）</translation>
    </message>
    <message>
        <source>General (Luong)</source>
        <translation>一般形式（Luong）</translation>
    </message>
    <message>
        <source>Scaled dot</source>
        <translation>缩放点积</translation>
    </message>
    <message>
        <source>Transformer</source>
        <translation>Transformer</translation>
    </message>
    <message>
        <source>Bidirectional GRU</source>
        <translation>双向 GRU</translation>
    </message>
    <message>
        <source>Bidirectional LSTM</source>
        <translation>双向 LSTM</translation>
    </message>
    <message>
        <source>Pre-LN (GPT-2)</source>
        <translation>Pre-LN（GPT-2）</translation>
    </message>
    <message>
        <source>Post-LN (original)</source>
        <translation>Post-LN（原始）</translation>
    </message>
    <message>
        <source>Learned</source>
        <translation>可学习</translation>
    </message>
    <message>
        <source>Sinusoidal</source>
        <translation>正弦</translation>
    </message>
    <message>
        <source>Scaled: q·k / √d_k</source>
        <translation>缩放：q·k / √d_k</translation>
    </message>
    <message>
        <source>Unscaled: q·k</source>
        <translation>不缩放：q·k</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Warmup + cosine</source>
        <translation>预热 + 余弦</translation>
    </message>
    <message>
        <source>Build New Model</source>
        <translation>构建新模型</translation>
    </message>
    <message>
        <source>Create a freshly initialised model with these settings.</source>
        <translation>按这些设置创建一个全新初始化的模型。</translation>
    </message>
    <message>
        <source>Parameters: %1</source>
        <translation>参数量：%1</translation>
    </message>
</context>
<context>
    <name>attn::gui::TraceRouter</name>
    <message>
        <source>Tracing layer %1: the input is too long to trace every layer at once.</source>
        <translation>正在追踪第 %1 层：输入过长，无法一次追踪所有层。</translation>
    </message>
</context>
<context>
    <name>attn::gui::TrainingPanel</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Start or pause training (Ctrl+Enter)</source>
        <translation>开始或暂停训练（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Make one optimizer update, then pause (Ctrl+.)</source>
        <translation>执行一次优化器更新，然后暂停（Ctrl+.）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop training after the current step; the weights are kept</source>
        <translation>在当前步完成后停止训练，权重会保留。</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Start over with freshly initialised weights</source>
        <translation>用全新初始化的权重从头开始。</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Loss: %1</source>
        <translation>损失：%1</translation>
    </message>
    <message>
        <source>Validation loss: %1</source>
        <translation>验证损失：%1</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <source>About %1 left</source>
        <translation>剩余约 %1</translation>
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
        <source>Press Train (Ctrl+Enter) to watch the model learn</source>
        <translation>按“训练”（Ctrl+Enter）观看模型学习</translation>
    </message>
    <message>
        <source>The planned steps are done; Train goes on for more</source>
        <translation>计划的步数已完成；按“训练”继续训练</translation>
    </message>
</context>
<context>
    <name>attn::gui::TrainingWiring</name>
    <message>
        <source>Building the model the Model dock shows, then training it</source>
        <translation>正在构建模型面板中显示的模型，随后开始训练</translation>
    </message>
    <message numerus="yes">
        <source>New model: %n parameter(s)</source>
        <translation>
            <numerusform>新模型：%n 个参数</numerusform>
        </translation>
    </message>
    <message>
        <source>The planned steps are done: training %1 more, to step %2</source>
        <translation>计划的步数已完成：再训练 %1 步，直到第 %2 步</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Model Opened with Warnings</source>
        <translation>模型已打开，但有警告</translation>
    </message>
    <message>
        <source>Cannot Build the Model</source>
        <translation>无法构建模型</translation>
    </message>
    <message>
        <source>Training Stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <source>Training stopped at step %1</source>
        <translation>训练在第 %1 步停止</translation>
    </message>
    <message numerus="yes">
        <source>The current model has been trained for %n step(s) and is not saved.</source>
        <translation>
            <numerusform>当前模型已训练 %n 步，尚未保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Build a new model anyway?</source>
        <translation>仍要构建新模型吗？</translation>
    </message>
    <message>
        <source>Discard the Trained Model?</source>
        <translation>放弃已训练的模型？</translation>
    </message>
</context>
<context>
    <name>attn::gui::TrainingWorker</name>
    <message>
        <source>There is no model to save.</source>
        <translation>没有可保存的模型。</translation>
    </message>
</context>
<context>
    <name>attn::gui::ViewTabs</name>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>All Heads</source>
        <translation>所有注意力头</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>连线图</translation>
    </message>
    <message>
        <source>Alignment</source>
        <translation>对齐</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Inference</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Walkthrough</source>
        <translation>分步讲解</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>沙盒</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>AttentionLab: train small attention models and watch them learn.</source>
        <translation>AttentionLab：训练小型注意力模型，观察它们如何学习。</translation>
    </message>
    <message>
        <source>Text or model files to open.</source>
        <translation>要打开的文本或模型文件。</translation>
    </message>
</context>
</TS>
