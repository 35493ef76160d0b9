"""What the demo's projects, resource offers and labs are about, in Chinese and English."""

from __future__ import annotations

from alliance_app.models import Domain, ProjectKind, ResourceKind

D = Domain

# Per domain: project subjects (zh, en) that a place name and a kind suffix turn into a title.
SUBJECTS: dict[Domain, tuple[tuple[str, str], ...]] = {
    D.INTELLIGENT_MANUFACTURING: (
        ("智能工厂视觉质检", "Smart Factory Visual Quality Inspection"),
        ("工业机器人柔性装配", "Flexible Industrial Robot Assembly"),
        ("设备预测性维护", "Predictive Equipment Maintenance"),
        ("钢铁冶炼工艺大模型", "Steelmaking Process Large Model"),
        ("数字孪生车间", "Digital Twin Workshop"),
        ("光电器件智能产线", "Intelligent Optoelectronic Device Line"),
    ),
    D.CONNECTED_VEHICLES: (
        ("车路协同自动驾驶", "Vehicle-Road Cooperative Autonomous Driving"),
        ("智能网联公交", "Intelligent Connected Bus"),
        ("自动代客泊车", "Automated Valet Parking"),
        ("商用车编队行驶", "Commercial Vehicle Platooning"),
        ("车载智能座舱", "In-Vehicle Smart Cockpit"),
        ("自动驾驶出租车运营", "Robotaxi Operation"),
    ),
    D.BEIDOU: (
        ("北斗高精度定位", "BeiDou High-Precision Positioning"),
        ("北斗桥梁形变监测", "BeiDou Bridge Deformation Monitoring"),
        ("北斗农机自动导航", "BeiDou Farm Machinery Auto-Steering"),
        ("北斗应急通信", "BeiDou Emergency Communication"),
        ("北斗物流追踪", "BeiDou Logistics Tracking"),
    ),
    D.INTELLIGENT_CONSTRUCTION: (
        ("BIM协同智能建造", "BIM-Based Intelligent Construction"),
        ("建筑机器人施工", "Construction Robotics"),
        ("装配式建筑智能工厂", "Prefabricated Building Smart Factory"),
        ("工地安全AI监管", "AI Construction Site Safety Supervision"),
        ("桥梁智能检测", "Intelligent Bridge Inspection"),
    ),
    D.SMART_AGRICULTURE: (
        ("水稻病虫害智能识别", "Rice Pest and Disease Recognition"),
        ("智慧茶园", "Smart Tea Garden"),
        ("虾稻共作智能养殖", "Smart Crayfish-Rice Co-Farming"),
        ("农业无人机植保", "Agricultural Drone Crop Protection"),
        ("柑橘产量遥感预测", "Remote-Sensing Citrus Yield Forecasting"),
    ),
    D.SMART_HOME: (
        ("全屋智能互联", "Whole-Home Smart Interconnection"),
        ("智能家电语音交互", "Voice Interaction for Smart Appliances"),
        ("家庭能源管理", "Home Energy Management"),
        ("智能门锁安全认证", "Smart Lock Security Certification"),
        ("适老化智能家居", "Age-Friendly Smart Home"),
    ),
    D.SMART_EDUCATION: (
        ("AI助教", "AI Teaching Assistant"),
        ("课堂行为智能分析", "Classroom Behaviour Analytics"),
        ("职业教育虚拟仿真实训", "Vocational Virtual Simulation Training"),
        ("个性化学习推荐", "Personalised Learning Recommendation"),
        ("人工智能通识课程", "AI Literacy Curriculum"),
    ),
    D.SMART_HEALTHCARE: (
        ("医学影像辅助诊断", "Medical Imaging Diagnosis Assistance"),
        ("智能导诊", "Intelligent Triage"),
        ("病理切片AI分析", "AI Pathology Slide Analysis"),
        ("基层医疗AI辅助", "AI Support for Primary Care"),
        ("医疗大模型", "Medical Large Language Model"),
    ),
    D.SMART_ELDERLY_CARE: (
        ("居家养老智能监护", "In-Home Elderly Monitoring"),
        ("老人跌倒检测", "Fall Detection for the Elderly"),
        ("社区康养服务平台", "Community Elderly Care Platform"),
        ("慢病智能管理", "Chronic Disease Management"),
        ("陪护机器人", "Companion Robot"),
    ),
    D.SMART_CITY: (
        ("城市大脑", "City Brain"),
        ("一网统管", "Unified Urban Management"),
        ("城市生命线监测", "Urban Lifeline Monitoring"),
        ("政务大模型", "Government Services Large Model"),
        ("智慧社区", "Smart Community"),
    ),
    D.SMART_RIVERS: (
        ("长江水质智能监测", "Yangtze Water Quality Monitoring"),
        ("汉江流域防汛预警", "Han River Flood Early Warning"),
        ("智慧航道", "Smart Waterway"),
        ("江豚保护智能识别", "Finless Porpoise Recognition"),
        ("港口智能调度", "Intelligent Port Dispatch"),
    ),
    D.SMART_TRANSPORT: (
        ("信号灯自适应控制", "Adaptive Traffic Signal Control"),
        ("智慧停车", "Smart Parking"),
        ("高速公路事件检测", "Expressway Incident Detection"),
        ("公交客流预测", "Bus Ridership Forecasting"),
        ("低空物流", "Low-Altitude Logistics"),
    ),
    D.SMART_TOURISM: (
        ("景区客流智能调度", "Scenic Area Visitor Flow Management"),
        ("文物数字化", "Cultural Relics Digitisation"),
        ("沉浸式数字展陈", "Immersive Digital Exhibition"),
        ("智慧导览", "Smart Guided Tours"),
        ("楚文化AIGC创作", "AIGC for Chu Culture"),
    ),
    D.BLOCKCHAIN: (
        ("供应链金融区块链", "Blockchain Supply-Chain Finance"),
        ("数据确权存证", "Data Rights Registration"),
        ("电子证照链", "Blockchain Electronic Licences"),
        ("碳排放可信核算", "Trusted Carbon Accounting"),
        ("农产品溯源", "Farm Produce Traceability"),
    ),
    D.CYBERSECURITY: (
        ("工控系统安全防护", "Industrial Control System Security"),
        ("大模型安全评测", "Large Model Security Evaluation"),
        ("威胁情报智能分析", "Threat Intelligence Analytics"),
        ("数据安全治理", "Data Security Governance"),
        ("车联网安全", "Connected Vehicle Security"),
    ),
    D.PUBLIC_SAFETY: (
        ("应急指挥智能决策", "Emergency Command Decision Support"),
        ("消防风险智能预警", "Fire Risk Early Warning"),
        ("危化品运输监管", "Hazardous Chemicals Transport Supervision"),
        ("森林防火无人机巡检", "Forest Fire Drone Patrol"),
        ("地质灾害监测", "Geological Hazard Monitoring"),
    ),
}

# How a project's kind ends its title, and how often each kind occurs.
KIND_SUFFIX: dict[ProjectKind, tuple[str, str, int]] = {
    ProjectKind.DEMONSTRATION: ("示范工程", "Demonstration Project", 22),
    ProjectKind.APPLICATION_SCENARIO: ("应用场景", "Application Scenario", 25),
    ProjectKind.OPEN_COMPETITION: ("揭榜挂帅项目", "Open-Competition Challenge", 12),
    ProjectKind.RESEARCH: ("关键技术研发", "Key Technology R&D", 33),
    ProjectKind.OTHER: ("试点", "Pilot", 8),
}

# Resource offers: (zh, en, unit, capacities to choose from, domains it suits; empty: any member).
OFFERS: dict[ResourceKind, tuple[tuple[str, str, str, tuple[float, ...], tuple[Domain, ...]], ...]] = {
    ResourceKind.COMPUTE: (
        ("智算中心GPU算力", "GPU computing at the AI computing centre", "GPU·小时",
         (2000, 5000, 10000, 20000, 50000), ()),
        ("大模型推理算力", "Large-model inference capacity", "PFLOPS·日", (5, 10, 20, 50), ()),
        ("高性能计算集群机时", "HPC cluster time", "核·小时", (100000, 500000, 1000000), ()),
    ),
    ResourceKind.DATASET: (
        ("工业缺陷图像标注数据集", "Annotated industrial defect images", "万张", (5, 12, 30, 80),
         (D.INTELLIGENT_MANUFACTURING,)),
        ("城市交通流量数据集", "Urban traffic flow data", "TB", (2, 5, 12, 40),
         (D.SMART_TRANSPORT, D.SMART_CITY, D.BEIDOU)),
        ("自动驾驶道路场景数据集", "Autonomous driving road scenes", "万帧", (50, 120, 300), (D.CONNECTED_VEHICLES,)),
        ("普通话与方言语音语料", "Mandarin and dialect speech corpus", "小时", (500, 1000, 3000),
         (D.SMART_HOME, D.SMART_EDUCATION, D.SMART_ELDERLY_CARE)),
        ("医学影像脱敏数据集", "De-identified medical images", "万例", (1, 3, 8),
         (D.SMART_HEALTHCARE, D.SMART_ELDERLY_CARE)),
        ("长江水文监测数据", "Yangtze hydrological monitoring data", "年", (5, 10, 20), (D.SMART_RIVERS,)),
        ("农作物遥感影像数据集", "Crop remote-sensing imagery", "TB", (1, 4, 10), (D.SMART_AGRICULTURE, D.BEIDOU)),
        ("城市事件视频数据集", "Urban incident video clips", "万段", (2, 6, 15), (D.SMART_CITY, D.PUBLIC_SAFETY)),
        ("网络攻击流量样本库", "Network attack traffic samples", "TB", (1, 3, 8), (D.CYBERSECURITY, D.BLOCKCHAIN)),
        ("景区游客行为数据", "Scenic-area visitor behaviour data", "万条", (100, 500, 2000), (D.SMART_TOURISM,)),
        ("施工现场图像数据集", "Construction site images", "万张", (3, 10, 25), (D.INTELLIGENT_CONSTRUCTION,)),
    ),
    ResourceKind.EQUIPMENT: (
        ("工业机器人测试平台", "Industrial robot test bench", "套", (1, 2, 4),
         (D.INTELLIGENT_MANUFACTURING, D.INTELLIGENT_CONSTRUCTION)),
        ("激光雷达标定设备", "LiDAR calibration rig", "台", (1, 2, 3), (D.CONNECTED_VEHICLES, D.BEIDOU)),
        ("高精度三坐标测量机", "High-precision coordinate measuring machine", "台", (1, 2),
         (D.INTELLIGENT_MANUFACTURING,)),
        ("无人机飞行测试平台", "Drone flight test platform", "套", (1, 3, 6),
         (D.PUBLIC_SAFETY, D.SMART_AGRICULTURE, D.BEIDOU, D.SMART_TRANSPORT)),
        ("电磁兼容测试设备", "EMC test equipment", "套", (1, 2),
         (D.INTELLIGENT_MANUFACTURING, D.CONNECTED_VEHICLES, D.SMART_HOME)),
        ("智能家居互联互通测试床", "Smart-home interoperability test bed", "套", (1, 2), (D.SMART_HOME,)),
        ("医疗AI检测验证平台", "Medical AI validation platform", "套", (1, 2),
         (D.SMART_HEALTHCARE, D.SMART_ELDERLY_CARE)),
    ),
    ResourceKind.LAB_SPACE: (
        ("智能网联汽车封闭测试场", "Closed test track for connected vehicles", "平方米", (20000, 50000, 120000),
         (D.CONNECTED_VEHICLES, D.SMART_TRANSPORT)),
        ("人工智能联合实验室工位", "Desks in the joint AI lab", "个", (10, 20, 40, 80), ()),
        ("中试基地场地", "Pilot-plant floor space", "平方米", (500, 1200, 3000),
         (D.INTELLIGENT_MANUFACTURING, D.INTELLIGENT_CONSTRUCTION, D.SMART_AGRICULTURE)),
    ),
    ResourceKind.TALENT: (
        ("AI工程师实训营", "AI engineer boot camp", "人次", (30, 60, 120, 300), ()),
        ("大模型应用开发培训", "Large-model application development course", "人次", (40, 100, 200), ()),
        ("研究生联合培养名额", "Places for jointly supervised graduate students", "名", (5, 10, 20), ()),
    ),
    ResourceKind.OTHER: (
        ("专利开放许可", "Open patent licences", "项", (5, 10, 30), ()),
        ("检测认证服务", "Testing and certification service", "次", (20, 50, 100), ()),
        ("技术咨询服务", "Technical consulting", "次", (10, 30), ()),
    ),
}  # fmt: skip

# Lab partnership topics: (zh, en, domains).
LAB_TOPICS: tuple[tuple[str, str, tuple[Domain, ...]], ...] = (
    ("机器视觉", "Machine Vision", (D.INTELLIGENT_MANUFACTURING,)),
    ("类脑计算", "Brain-Inspired Computing", (D.SMART_HEALTHCARE,)),
    ("智能网联汽车", "Intelligent Connected Vehicles", (D.CONNECTED_VEHICLES, D.SMART_TRANSPORT)),
    ("北斗时空智能", "BeiDou Spatiotemporal Intelligence", (D.BEIDOU,)),
    ("智能建造", "Intelligent Construction", (D.INTELLIGENT_CONSTRUCTION,)),
    ("数字农业", "Digital Agriculture", (D.SMART_AGRICULTURE,)),
    ("智能语音", "Speech Intelligence", (D.SMART_HOME, D.SMART_EDUCATION)),
    ("医学人工智能", "Medical AI", (D.SMART_HEALTHCARE,)),
    ("康养机器人", "Care Robotics", (D.SMART_ELDERLY_CARE,)),
    ("城市计算", "Urban Computing", (D.SMART_CITY,)),
    ("流域水利智能", "River Basin Water Intelligence", (D.SMART_RIVERS,)),
    ("交通大数据", "Transport Big Data", (D.SMART_TRANSPORT,)),
    ("文旅数字化", "Digital Culture and Tourism", (D.SMART_TOURISM,)),
    ("可信区块链", "Trusted Blockchain", (D.BLOCKCHAIN,)),
    ("网络空间安全", "Cyberspace Security", (D.CYBERSECURITY,)),
    ("应急管理智能", "Emergency Management Intelligence", (D.PUBLIC_SAFETY,)),
    ("具身智能", "Embodied Intelligence", (D.INTELLIGENT_MANUFACTURING, D.SMART_HOME)),
    ("行业大模型", "Industry Large Models", (D.SMART_CITY, D.INTELLIGENT_MANUFACTURING, D.SMART_HEALTHCARE)),
)

REQUEST_USES = (
    "模型训练",
    "算法验证",
    "样机测试",
    "场景试点",
    "人才培养",
    "联合攻关",
)
