<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CheckInPanel</name>
    <message>
        <source>Attendee: type a contact&apos;s name</source>
        <translation>参会人：输入联系人姓名</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Remove check-in</source>
        <translation>取消签到</translation>
    </message>
    <message>
        <source>Notes taken at the event</source>
        <translation>活动现场记录</translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation>保存现场记录</translation>
    </message>
    <message>
        <source>Save notes (Ctrl+S)</source>
        <translation>保存现场记录 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Choose an event to check people in</source>
        <translation>请选择一个活动进行签到</translation>
    </message>
    <message>
        <source>Which member does %1 come from? Choose it, then press Enter.</source>
        <translation>%1 来自哪家成员单位？请选择后按回车。</translation>
    </message>
    <message>
        <source>√ %1 checked in</source>
        <translation>√ %1 已签到</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>已签到</translation>
    </message>
    <message>
        <source>Notes saved</source>
        <translation>现场记录已保存</translation>
    </message>
</context>
<context>
    <name>ColumnChip</name>
    <message>
        <source>%1 contains “%2”</source>
        <translation>%1包含“%2”</translation>
    </message>
</context>
<context>
    <name>ColumnFilterDialog</name>
    <message>
        <source>Filter by %1</source>
        <translation>按“%1”筛选</translation>
    </message>
    <message>
        <source>Contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>yyyy-mm-dd</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Remove filter</source>
        <translation>取消此筛选</translation>
    </message>
    <message>
        <source>Filter the list by the current column…</source>
        <translation>按当前列筛选列表…</translation>
    </message>
    <message>
        <source>Filter by %1…</source>
        <translation>按“%1”筛选…</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Open offers matching the domains of the projects of</source>
        <translation>与以下单位项目领域相符的开放资源：</translation>
    </message>
    <message>
        <source>Summed over %1 projects with an investment entered</source>
        <translation>为 %1 个填报了投资额的项目之和</translation>
    </message>
    <message>
        <source>Dashboard, %1 (%2): %3 records</source>
        <translation>仪表盘：%1（%2），共 %3 条记录</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Target: about 100 in five years</source>
        <translation>五年目标：约 100 项</translation>
    </message>
    <message>
        <source>Projects by domain</source>
        <translation>各重点领域项目数</translation>
    </message>
    <message>
        <source>Members by kind</source>
        <translation>成员单位类型分布</translation>
    </message>
</context>
<context>
    <name>Display</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Not logged in to a sync server: log in with Sync → Log in….</source>
        <translation>尚未登录同步服务器：请通过“同步 → 登录…”登录。</translation>
    </message>
    <message>
        <source>Alliance Desk could not write %1: the file is open in another program (Excel, WPS) or this folder may not be written. Close the file or choose another place, then try again.</source>
        <translation>联盟协作台无法写入 %1：该文件正被其他程序（Excel、WPS）打开，或此文件夹不可写入。请关闭该文件或换一个位置后重试。</translation>
    </message>
    <message>
        <source>Alliance Desk could not use the file %1: %2. Check the place and try again.</source>
        <translation>联盟协作台无法使用文件 %1：%2。请检查位置后重试。</translation>
    </message>
    <message>
        <source>Something went wrong that Alliance Desk did not expect. Your records are safe; please try again, and if it happens again send the details to the secretariat.</source>
        <translation>联盟协作台遇到了意外问题。您的数据是安全的；请重试，如再次出现，请将详细信息发送给秘书处。</translation>
    </message>
    <message>
        <source>Alliance Desk</source>
        <translation>联盟协作台</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>This form has changes that are not saved. Save them?</source>
        <translation>此表单有尚未保存的修改，要保存吗？</translation>
    </message>
</context>
<context>
    <name>ExportView</name>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>CSV, UTF-8</source>
        <translation>CSV（UTF-8）</translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <source>Exported %1 record(s) to %2.</source>
        <translation>已导出 %1 条记录到 %2。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>yyyy-mm-dd hh:mm</source>
        <translation>年-月-日 时:分</translation>
    </message>
    <message>
        <source>yyyy-mm-dd</source>
        <translation>年-月-日</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx, .xls), an OpenDocument sheet (.ods) or a CSV file.</source>
        <translation>Excel 工作簿（.xlsx、.xls）、OpenDocument 表格（.ods）或 CSV 文件。</translation>
    </message>
    <message>
        <source>Path of the file to import</source>
        <translation>要导入的文件路径</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Columns are recognised by their Chinese or English names and the words rosters use (“单位类别”, “所属市州”, “加入时间”, “主要领域”, “是否高新技术企业”, “起止时间” …); the next step shows the match and lets you choose the field of any other column.</source>
        <translation>按中文或英文列名以及名册常用的说法识别各列（单位类别、所属市州、加入时间、主要领域、是否高新技术企业、起止时间……）；下一步显示对应关系，其他列可自行选择要填入的字段。</translation>
    </message>
    <message>
        <source>Dates: 2024-03-31, 2024/3/31, 2024.3.31 or “2024年3月31日”. A year and month (2024.3, 202403) is stored as the first of that month, and the preview lists it. A year alone is refused.</source>
        <translation>日期：2024-03-31、2024/3/31、2024.3.31 或 2024年3月31日。只有年月的（2024.3、202403）记为当月1日，并在预览中列出；只有年份的不予导入。</translation>
    </message>
    <message>
        <source>Amounts: a number is in the column&apos;s unit; “1.2亿”, “850万”, “3千元” or “500000元” are converted into it and listed. A total row (“合计”, “共13家”) and rows with only a serial number are left out.</source>
        <translation>金额：数字按该列的单位读取；1.2亿、850万、3千元、500000元 会换算为该列单位并列出。合计行（合计、共13家）和只有序号的行不导入。</translation>
    </message>
    <message>
        <source>A cell merged down over several rows gives its value to each of them. A comma in a number must group thousands (1,200.5); “0,5” is refused. Invisible characters, line breaks and padding spaces in names are taken out. The preview lists each.</source>
        <translation>向下合并的单元格，其内容用于合并范围内的每一行。数字中的逗号只能作千位分隔（1,200.5）；“0,5”不予导入。名称中看不见的字符、换行和多余的空格会被去掉。预览中逐一列出。</translation>
    </message>
    <message>
        <source>A workbook opens on the first sheet whose header names known columns; choose another sheet here after the first Next.</source>
        <translation>工作簿默认读取第一个表头能识别的工作表；点“下一步”后可在此改选其他工作表。</translation>
    </message>
    <message>
        <source>Import from a spreadsheet</source>
        <translation>从表格导入</translation>
    </message>
    <message>
        <source>Spreadsheets</source>
        <translation>表格文件</translation>
    </message>
    <message>
        <source>There is no file at %1; check the path or choose it with Browse…</source>
        <translation>%1 处没有文件；请检查路径，或点“浏览…”选择文件。</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search by name (Ctrl+F)</source>
        <translation>按名称搜索 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>FilterChip</name>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 等 %2 项</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to Alliance Desk</source>
        <translation>欢迎使用联盟协作台</translation>
    </message>
    <message>
        <source>This desk has no records yet. How would you like to start?</source>
        <translation>本机还没有任何记录。您想如何开始？</translation>
    </message>
    <message>
        <source>Open the demo alliance</source>
        <translation>打开演示联盟</translation>
    </message>
    <message>
        <source>73 members led by Xiaomi (Wuhan), with projects, offers, labs and events, to try things out</source>
        <translation>由小米(武汉)牵头的 73 家成员单位，含项目、资源、实验室和活动，可随意试用</translation>
    </message>
    <message>
        <source>Import a roster…</source>
        <translation>导入名册…</translation>
    </message>
    <message>
        <source>Members, then their projects, offers and labs, from Excel or CSV files</source>
        <translation>从 Excel 或 CSV 文件导入成员单位，再导入其项目、共享资源和实验室</translation>
    </message>
    <message>
        <source>Log in to a server…</source>
        <translation>登录服务器…</translation>
    </message>
    <message>
        <source>Fetch the alliance&apos;s records from the server you sync with</source>
        <translation>从同步服务器获取联盟的记录</translation>
    </message>
    <message>
        <source>Start with no records</source>
        <translation>从空白开始</translation>
    </message>
    <message>
        <source>Opening the demo alliance…</source>
        <translation>正在打开演示联盟…</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Next / previous field; leaves a list</source>
        <translation>下一个 / 上一个字段；离开列表</translation>
    </message>
    <message>
        <source>Move inside a list; Down in the search box enters the list</source>
        <translation>在列表中移动；在搜索框中按↓进入列表</translation>
    </message>
    <message>
        <source>Open the chosen record; in the partner row, add the partner</source>
        <translation>打开所选记录；在合作单位一行中按回车添加该合作单位</translation>
    </message>
    <message>
        <source>Last record of the list, however long</source>
        <translation>跳到列表的最后一条记录，无论列表多长</translation>
    </message>
    <message>
        <source>Save the form</source>
        <translation>保存表单</translation>
    </message>
    <message>
        <source>Close the form (asks first when something is not saved)</source>
        <translation>关闭表单（有未保存的修改时会先询问）</translation>
    </message>
    <message>
        <source>Open the list of a member field or the calendar of a date</source>
        <translation>打开成员单位字段的列表或日期的日历</translation>
    </message>
    <message>
        <source>Delete the chosen record (asks first)</source>
        <translation>删除所选记录（会先询问）</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Work offline, sync when you can.&lt;/b&gt; Everything you change is kept on this computer first and sent to the alliance&apos;s server at the next sync (Sync → Sync now). Nothing you typed is lost if the network is down.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Your own records.&lt;/b&gt; A liaison edits the records of its own member; the others are shown read only, with the reason. Handing a record to another member, and membership decisions, go through the secretariat.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Find things.&lt;/b&gt; Each list has a search box (Ctrl+F) and filters; export saves exactly what the list shows. The annual report is made on the Reports page.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;离线工作，有网络时同步。&lt;/b&gt;您的每项修改都先保存在本机，在下次同步时（同步 → 立即同步）发送到联盟服务器。网络中断时，您输入的内容不会丢失。&lt;/p&gt;&lt;p&gt;&lt;b&gt;本单位的记录。&lt;/b&gt;联络人可修改本单位的记录；其他单位的记录以只读方式显示，并说明原因。把记录交给其他成员单位以及会籍相关决定，由秘书处办理。&lt;/p&gt;&lt;p&gt;&lt;b&gt;查找。&lt;/b&gt;每个列表都有搜索框（Ctrl+F）和筛选；导出会保存列表当前显示的内容。年度报告在“报告”页生成。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Keyboard and guide</source>
        <translation>快捷键与使用指南</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Writing %1 record(s)…</source>
        <translation>正在写入 %1 条记录…</translation>
    </message>
    <message>
        <source>Cancelling… nothing will be changed.</source>
        <translation>正在取消…不会修改任何数据。</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was changed.</source>
        <translation>导入已取消，未修改任何数据。</translation>
    </message>
    <message>
        <source>The import failed; nothing was changed.</source>
        <translation>导入失败，未修改任何数据。</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Has problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import from a spreadsheet</source>
        <translation>从表格导入</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to the alliance server</source>
        <translation>登录联盟服务器</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>The password is not stored; this computer keeps a login token in its keyring.</source>
        <translation>本机不保存密码，只在系统密钥库中保存登录凭据。</translation>
    </message>
    <message>
        <source>Fill in the server address, your user name and your password.</source>
        <translation>请填写服务器地址、用户名和密码。</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Switch account</source>
        <translation>切换账号</translation>
    </message>
    <message>
        <source>Edits made on this computer have not been sent yet. They are kept and will be sent as the new account. Switch anyway?</source>
        <translation>本机还有尚未上传的修改。切换后这些修改会保留，并以新账号的身份上传。确定切换吗？</translation>
    </message>
    <message>
        <source>Check them and try again; the secretariat can reset a forgotten password.</source>
        <translation>请检查后重试；忘记密码可请秘书处重设。</translation>
    </message>
</context>
<context>
    <name>LostEditsBox</name>
    <message>
        <source>The server was restored from a backup</source>
        <translation>服务器已从备份恢复</translation>
    </message>
    <message>
        <source>These edits were on the server before its restore and are not on it now. Send each one again, or discard it; until then this desktop shows what the server has.</source>
        <translation>以下修改在服务器恢复之前已上传，恢复后服务器上已没有。请逐条重新上传或放弃；在此之前本机显示服务器上的数据。</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新上传</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>放弃…</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>added (the server does not have it)</source>
        <translation>已新增（服务器上没有）</translation>
    </message>
    <message>
        <source>deleted (the server still has it)</source>
        <translation>已删除（服务器上仍有）</translation>
    </message>
    <message>
        <source>changed (the server has it deleted)</source>
        <translation>已修改（服务器上已删除）</translation>
    </message>
    <message>
        <source>your edit</source>
        <translation>您的修改</translation>
    </message>
    <message>
        <source>edit by %1</source>
        <translation>%1 的修改</translation>
    </message>
    <message>
        <source>Discard lost edit</source>
        <translation>放弃丢失的修改</translation>
    </message>
    <message>
        <source>Let this edit go? The record stays as the server has it.</source>
        <translation>放弃这条修改吗？记录将保持服务器上的内容。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员单位</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Resource sharing</source>
        <translation>资源共享</translation>
    </message>
    <message>
        <source>Lab partnerships</source>
        <translation>实验室合作</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard and guide</source>
        <translation>快捷键与使用指南</translation>
    </message>
    <message>
        <source>About Alliance Desk</source>
        <translation>关于联盟协作台</translation>
    </message>
    <message>
        <source>Logged in.</source>
        <translation>已登录。</translation>
    </message>
    <message>
        <source>Logged out; your records and unsent edits stay on this computer.</source>
        <translation>已退出登录；记录和未上传的修改仍保存在本机。</translation>
    </message>
    <message>
        <source>Alliance Desk %1 — records, sync and annual report of the Hubei AI Industry Innovation Alliance.</source>
        <translation>联盟协作台 %1 —— 湖北省人工智能产业创新联盟的数据管理、同步与年度报告工具。</translation>
    </message>
    <message>
        <source>Undo delete of “%1”</source>
        <translation>撤销删除“%1”</translation>
    </message>
    <message>
        <source>Deleted %1 “%2”. Undo with Ctrl+Z.</source>
        <translation>已删除%1“%2”。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Restored “%1”.</source>
        <translation>已恢复“%1”。</translation>
    </message>
    <message>
        <source>Alliance Desk</source>
        <translation>联盟协作台</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Work in progress</source>
        <translation>正在进行的工作</translation>
    </message>
    <message>
        <source>A report, import or sync is still running. Close the window when it has finished?</source>
        <translation>报告、导入或同步仍在进行。等它完成后再关闭窗口吗？</translation>
    </message>
    <message>
        <source>Closing when the running work has finished…</source>
        <translation>正在进行的工作完成后将关闭窗口…</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>对应各列</translation>
    </message>
    <message>
        <source>%1 column(s) were not recognised: choose the field each one fills, or leave it out.</source>
        <translation>有 %1 列未能识别：请为每列选择对应的字段，或不导入该列。</translation>
    </message>
    <message>
        <source>Every column was recognised. Check the matches, or leave a column out.</source>
        <translation>所有列均已识别。请核对对应关系，也可以不导入某列。</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>— leave out —</source>
        <translation>— 不导入 —</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>（无表头）</translation>
    </message>
    <message>
        <source>Two columns fill the same field (%1): leave one of them out.</source>
        <translation>有两列对应同一字段（%1）：请不导入其中一列。</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n row(s)…</source>
        <translation>
            <numerusform>正在检查 %n 行…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemberChip</name>
    <message>
        <source>All members</source>
        <translation>全部成员单位</translation>
    </message>
</context>
<context>
    <name>MemberDetail</name>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Resource offers</source>
        <translation>共享资源</translation>
    </message>
    <message>
        <source>Lab partnerships</source>
        <translation>实验室合作</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Annual figures</source>
        <translation>年度数据</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改历史</translation>
    </message>
    <message>
        <source>Who changed this member, when, and what.</source>
        <translation>谁在何时修改了该成员单位的哪些内容。</translation>
    </message>
    <message>
        <source>Edit member…</source>
        <translation>编辑成员单位…</translation>
    </message>
</context>
<context>
    <name>NarrativeEditor</name>
    <message>
        <source>Optional. Without it the English edition prints the Chinese text, marked as not yet translated (暂无英文).</source>
        <translation>选填。不填时英文版印出中文内容，并注明“暂无英文”。</translation>
    </message>
    <message>
        <source>Save section</source>
        <translation>保存本部分</translation>
    </message>
    <message>
        <source>Paragraphs are separated by a blank line; a line starting with &apos;- &apos; is a list item. In the chronicle, a line starting with a date (2026-03-15) is placed among the year&apos;s events.</source>
        <translation>段落之间空一行；以“- ”开头的行是列表项。大事记中以日期开头的行（如 2026-03-15）按日期排入本年活动之间。</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Preview in</source>
        <translation>预览语言</translation>
    </message>
    <message>
        <source>Chinese text</source>
        <translation>中文内容</translation>
    </message>
    <message>
        <source>English text</source>
        <translation>英文内容</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>Not written yet: the report leaves this part out unless the records fill it.</source>
        <translation>尚未撰写：除非记录中有内容，报告将略去此部分。</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在准备预览…</translation>
    </message>
</context>
<context>
    <name>NoProgramBox</name>
    <message>
        <source>Alliance Desk</source>
        <translation>联盟协作台</translation>
    </message>
    <message>
        <source>No program for opening PDF files is set up on this computer. The file is saved here:</source>
        <translation>这台电脑上没有设置打开 PDF 文件的程序。文件已保存在：</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
</context>
<context>
    <name>OpeningWindow</name>
    <message>
        <source>Opening the data file…</source>
        <translation>正在打开数据文件…</translation>
    </message>
    <message>
        <source>Loading the demo alliance…</source>
        <translation>正在载入示例联盟…</translation>
    </message>
    <message>
        <source>The data file could not be opened.</source>
        <translation>无法打开数据文件。</translation>
    </message>
</context>
<context>
    <name>PartnerList</name>
    <message>
        <source>Role in the project</source>
        <translation>在项目中的分工</translation>
    </message>
    <message>
        <source>Add partner</source>
        <translation>添加合作单位</translation>
    </message>
    <message>
        <source>Remove partner</source>
        <translation>移除合作单位</translation>
    </message>
    <message>
        <source>%1 leads this record; it cannot also be its partner</source>
        <translation>%1 是牵头单位，不能同时作为合作单位</translation>
    </message>
    <message>
        <source>%1 is already a partner</source>
        <translation>%1 已经是合作单位</translation>
    </message>
</context>
<context>
    <name>PickerBox</name>
    <message>
        <source>“%1” cannot be chosen here</source>
        <translation>“%1”不能在此处选择</translation>
    </message>
    <message>
        <source>No record is called “%1”; pick one from the list</source>
        <translation>没有名为“%1”的记录，请从列表中选择</translation>
    </message>
</context>
<context>
    <name>PinnedRecords</name>
    <message>
        <source>Show all records</source>
        <translation>显示全部记录</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Check before importing</source>
        <translation>导入前检查</translation>
    </message>
    <message>
        <source>Import only the valid rows (the rows with problems are left out)</source>
        <translation>只导入正确的行（有问题的行不导入）</translation>
    </message>
    <message>
        <source>Columns were left out: new records take the defaults listed above for the fields no column fills</source>
        <translation>有未对应的列：确认新记录中没有对应列的字段取上面列出的默认值</translation>
    </message>
    <message>
        <source>New: %1 · Updated: %2 · Unchanged: %3 · With problems: %4</source>
        <translation>新建：%1 · 更新：%2 · 无变化：%3 · 有问题：%4</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found; nothing is imported until they are corrected.</source>
        <translation>
            <numerusform>发现 %n 个问题；改正之前不会导入任何数据。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stored value(s) will be erased by empty cells (listed below).</source>
        <translation>
            <numerusform>空白单元格将清空 %n 个已有的值（见下方列表）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cells with a problem are marked red; point at one to read why.</source>
        <translation>有问题的单元格标为红色；将鼠标指向单元格可查看原因。</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecordCount</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>New %1</source>
        <translation>新建%1</translation>
    </message>
    <message>
        <source>Read only: %1</source>
        <translation>只读：%1</translation>
    </message>
    <message>
        <source>Partner members</source>
        <translation>合作单位</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete “%1”? You can undo this with Ctrl+Z.</source>
        <translation>删除“%1”？可用 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Stored as %1</source>
        <translation>记为 %1</translation>
    </message>
</context>
<context>
    <name>RecordHistory</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>After</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Log in to the sync server (Sync → Log in…) to see who changed this record and when.</source>
        <translation>请登录同步服务器（同步 → 登录…）后查看这条记录的修改人和修改时间。</translation>
    </message>
    <message>
        <source>This record has not reached the server yet; sync, then its history can be shown.</source>
        <translation>这条记录尚未同步到服务器，同步后即可查看修改历史。</translation>
    </message>
    <message>
        <source>Loading the history from the server…</source>
        <translation>正在从服务器读取修改历史…</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>无法读取修改历史：%1</translation>
    </message>
    <message>
        <source>The server has no recorded changes for this record.</source>
        <translation>服务器上没有这条记录的修改记录。</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Owning member</source>
        <translation>所属成员单位</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <source>New %1</source>
        <translation>新建%1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import records from an Excel or CSV file</source>
        <translation>从 Excel 或 CSV 文件导入记录</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the records listed now to an Excel or CSV file</source>
        <translation>将当前列出的记录保存为 Excel 或 CSV 文件</translation>
    </message>
    <message>
        <source>New record (Ctrl+N)</source>
        <translation>新建记录 (Ctrl+N)</translation>
    </message>
    <message>
        <source>No record matches the search and filters. Clear filters to see them all.</source>
        <translation>没有符合搜索和筛选条件的记录。点“清除筛选”可查看全部记录。</translation>
    </message>
    <message>
        <source>No records yet. Add one with “%1” (Ctrl+N).</source>
        <translation>还没有记录。可点“%1”（Ctrl+N）新建。</translation>
    </message>
    <message>
        <source>No records yet. Add one with “%1” (Ctrl+N), or import a spreadsheet with Import….</source>
        <translation>还没有记录。可点“%1”（Ctrl+N）新建，或点“导入…”从表格导入。</translation>
    </message>
    <message>
        <source>No records yet. They arrive with the next sync (Sync → Sync now).</source>
        <translation>还没有记录。下次同步（同步 → 立即同步）时会从服务器获取。</translation>
    </message>
    <message>
        <source>Delete the selected record (Del)</source>
        <translation>删除所选记录 (Del)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>RelatedList</name>
    <message>
        <source>New %1</source>
        <translation>新建%1</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Compile annual report…</source>
        <translation>生成年度报告…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open the PDF</source>
        <translation>打开 PDF</translation>
    </message>
    <message>
        <source>Written sections</source>
        <translation>秘书处撰写部分</translation>
    </message>
    <message>
        <source>Save the annual report</source>
        <translation>保存年度报告</translation>
    </message>
    <message>
        <source>Compiling the %1 report…</source>
        <translation>正在编制 %1 年度报告…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>The report was cancelled; no file was written.</source>
        <translation>已取消编制报告，未写入任何文件。</translation>
    </message>
    <message>
        <source>The report could not be compiled.</source>
        <translation>无法编制报告。</translation>
    </message>
    <message>
        <source>Saved %1 (%2 pages).</source>
        <translation>已保存 %1（共 %2 页）。</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>The annual alliance report is compiled from the records on this desk: overview figures, progress against the five-year targets, projects, resource sharing, lab partnerships and the member directory, as a PDF in Chinese or English, with the sections the secretariat writes below.</source>
        <translation>联盟年度报告根据本机数据生成：总体数据、五年目标进展、项目、资源共享、实验室合作和成员名录，并收入秘书处在下方撰写的部分，输出为中文或英文 PDF。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>ResourcesPage</name>
    <message>
        <source>Request this resource…</source>
        <translation>申请此资源…</translation>
    </message>
    <message>
        <source>Accept request</source>
        <translation>接受申请</translation>
    </message>
    <message>
        <source>Decline request</source>
        <translation>拒绝申请</translation>
    </message>
    <message>
        <source>Requests for “%1”</source>
        <translation>“%1”的申请</translation>
    </message>
    <message>
        <source>Choose an offer to see its requests</source>
        <translation>选择一项资源以查看其申请</translation>
    </message>
    <message>
        <source>Choose an offer first</source>
        <translation>请先选择一项资源</translation>
    </message>
    <message>
        <source>This is your own member&apos;s offer</source>
        <translation>这是本单位提供的资源</translation>
    </message>
    <message>
        <source>Choose a request first</source>
        <translation>请先选择一条申请</translation>
    </message>
    <message>
        <source>This request has already been decided</source>
        <translation>该申请已处理</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Until you log in to a server, the role and member here decide what this desk may edit.</source>
        <translation>在登录服务器之前，本机可修改哪些记录由这里的角色和成员单位决定。</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The server address starts with https:// (for example https://alliance.example.cn).</source>
        <translation>服务器地址应以 https:// 开头（例如 https://alliance.example.cn）。</translation>
    </message>
    <message>
        <source>The CA bundle file does not exist; choose the certificate file your IT department gave you.</source>
        <translation>CA 证书文件不存在，请选择信息部门提供的证书文件。</translation>
    </message>
    <message>
        <source>A liaison works for one member: choose it.</source>
        <translation>联络人须隶属于一家成员单位，请选择。</translation>
    </message>
    <message>
        <source>Will be saved: %1</source>
        <translation>将保存为：%1</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>%1 record(s) created, %2 updated, %3 unchanged.</source>
        <translation>新建 %1 条记录，更新 %2 条，%3 条无变化。</translation>
    </message>
    <message>
        <source>Partner members: %1 added, %2 removed.</source>
        <translation>合作单位：增加 %1 家，移除 %2 家。</translation>
    </message>
    <message>
        <source>Rows left out because of problems: %1.</source>
        <translation>因有问题而未导入的行：%1。</translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) were stored in another form than typed:</source>
        <translation>
            <numerusform>%n 个值按换算后的形式保存：</numerusform>
        </translation>
    </message>
    <message>
        <source>A backup of the records before the import is at %1.</source>
        <translation>导入前的数据已备份到 %1。</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Edits are kept safely on this computer until they are sent to the server.</source>
        <translation>修改安全地保存在本机，直到上传到服务器。</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Last synced at %1</source>
        <translation>上次同步于 %1</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) waiting to sync</source>
        <translation>
            <numerusform>%n 条修改待同步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) refused by the server</source>
        <translation>
            <numerusform>%n 条修改被服务器拒绝</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n 项冲突</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Working as</source>
        <translation>当前身份</translation>
    </message>
    <message>
        <source>Edits waiting to sync</source>
        <translation>待同步的修改</translation>
    </message>
    <message>
        <source>Edits refused by the server</source>
        <translation>被服务器拒绝的修改</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Send your edits and receive the alliance&apos;s changes</source>
        <translation>上传本机的修改并接收联盟的更新</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>Theirs (server)</source>
        <translation>对方（服务器）</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>保留对方的</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新上传</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>放弃…</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Met when the edit of %1 reached the server; “Before” is the value both sides started from.</source>
        <translation>%1 的修改上传到服务器时发现此冲突；“原值”是双方修改前的值。</translation>
    </message>
    <message>
        <source>Discard edit</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Discard this refused edit for good? What you typed in it will be lost.</source>
        <translation>永久放弃这项被拒绝的修改吗？其中填写的内容将会丢失。</translation>
    </message>
    <message>
        <source>Sync cancelled; what was done is saved.</source>
        <translation>同步已取消；已完成的部分已保存。</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>同步完成。</translation>
    </message>
</context>
<context>
    <name>SyncPhase</name>
    <message>
        <source>Sending edits</source>
        <translation>正在上传修改</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>正在接收更新</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>正在核对</translation>
    </message>
    <message>
        <source>Fetching conflicts</source>
        <translation>正在获取冲突</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>正在同步</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <source>A newer Alliance Desk is available; please update.</source>
        <translation>联盟协作台有新版本，请更新。</translation>
    </message>
</context>
<context>
    <name>WhoAmI</name>
    <message>
        <source>Data file: %1</source>
        <translation>数据文件：%1</translation>
    </message>
</context>
</TS>
