package dev.poolstarter.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the scenario mode's results against time into one PNG: per regime of the
 * shifting scenario the throughput per second of every configuration (medians over the
 * rounds) and the starter's adaptive pool size in every round, phase boundaries marked;
 * then the fleet's connections on the server against its budget and each pool's size, in
 * the round with the largest fleet total, instance starts marked.
 *
 * @author pool-starter
 */
final class ScenarioPlot {

	private static final int WIDTH = 1100;

	private static final int HEIGHT = 430;

	private static final Color[] COLORS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
			new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf) };

	private ScenarioPlot() {
	}

	static void write(ScenarioResults results, Path file) throws IOException {
		List<XYChart> charts = new ArrayList<>();
		for (ShiftingResult shifting : results.shifting()) {
			charts.add(throughput(shifting));
			charts.add(sizes(shifting));
		}
		FleetResult fleet = results.fleet();
		if (fleet != null && fleet.rounds().stream().anyMatch((round) -> !round.samples().isEmpty())) {
			charts.add(fleet(fleet));
		}
		if (charts.isEmpty()) {
			return;
		}
		Files.createDirectories(file.toAbsolutePath().getParent());
		BufferedImage image = new BufferedImage(WIDTH, charts.size() * HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		for (int i = 0; i < charts.size(); i++) {
			graphics.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), 0, i * HEIGHT, null);
		}
		graphics.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static XYChart throughput(ShiftingResult shifting) {
		XYChart chart = chart("Throughput per second, shifting scenario, " + shifting.regime().label()
				+ " (medians over the rounds)", "transactions per second");
		// each second's transactions at the second's start, so that the ticks fall on whole seconds
		double[] x = IntStream.range(0, shifting.scenario().seconds()).mapToDouble((second) -> second).toArray();
		double top = 0;
		int color = 0;
		for (ScenarioSeries series : shifting.series()) {
			double[] y = IntStream.range(0, x.length).mapToDouble((second) -> medianAt(series, second)).toArray();
			top = Math.max(top, max(y));
			XYSeries line = chart.addSeries(series.config(), x, y);
			line.setMarker(SeriesMarkers.NONE);
			if (series.controller()) {
				line.setLineColor(Color.BLACK);
				line.setLineStyle(new BasicStroke(2.5f));
			}
			else {
				line.setLineColor(COLORS[color++ % COLORS.length]);
				line.setLineStyle(new BasicStroke(1.2f));
			}
		}
		markPhases(chart, shifting.scenario(), top);
		return chart;
	}

	private static double medianAt(ScenarioSeries series, int second) {
		return Spread.of(series.rounds()
			.stream()
			.map((run) -> (second < run.perSecond().length) ? (double) run.perSecond()[second] : Double.NaN)
			.toList()).median();
	}

	private static XYChart sizes(ShiftingResult shifting) {
		XYChart chart = chart("Starter `adaptive` pool size (HikariCP MXBean, every 250 ms), " + shifting.regime().label(),
				"connections");
		double top = 1;
		List<ScenarioSeries> controller = shifting.controller().stream().toList();
		for (ScenarioSeries series : controller) {
			for (int round = 0; round < series.rounds().size(); round++) {
				List<SizeSample> samples = series.rounds().get(round).sizes();
				if (samples.isEmpty()) {
					continue;
				}
				Color color = COLORS[round % COLORS.length];
				double[] x = samples.stream().mapToDouble(SizeSample::seconds).toArray();
				double[] maximum = samples.stream().mapToDouble(SizeSample::maximum).toArray();
				double[] total = samples.stream().mapToDouble(SizeSample::total).toArray();
				top = Math.max(top, Math.max(max(maximum), max(total)));
				XYSeries line = chart.addSeries("maximum size, round " + (round + 1), x, maximum);
				line.setMarker(SeriesMarkers.NONE);
				line.setLineColor(color);
				line.setLineStyle(new BasicStroke(2f));
				XYSeries held = chart.addSeries("connections held, round " + (round + 1), x, total);
				held.setMarker(SeriesMarkers.NONE);
				held.setLineColor(color);
				held.setLineStyle(dashed());
			}
		}
		if (chart.getSeriesMap().isEmpty()) {
			chart.addSeries("not run", new double[] { 0 }, new double[] { 0 });
		}
		markPhases(chart, shifting.scenario(), top);
		return chart;
	}

	private static XYChart fleet(FleetResult fleet) {
		FleetRound round = fleet.rounds()
			.stream()
			.filter((candidate) -> !candidate.samples().isEmpty())
			.max(Comparator.comparingInt(FleetRound::largestTotal))
			.orElseThrow();
		XYChart chart = chart(String.format(Locale.ROOT, "Fleet of %d: connections on the server against the budget "
				+ "(round %d, the largest fleet total)", fleet.plan().instances(), fleet.rounds().indexOf(round) + 1),
				"connections");
		double[] x = round.samples().stream().mapToDouble(FleetSample::seconds).toArray();
		double[] total = round.samples().stream().mapToDouble(FleetSample::fleetConnections).toArray();
		XYSeries fleetLine = chart.addSeries("fleet's connections on the server", x, total);
		fleetLine.setMarker(SeriesMarkers.NONE);
		fleetLine.setLineColor(Color.BLACK);
		fleetLine.setLineStyle(new BasicStroke(2.5f));
		XYSeries budget = chart.addSeries("budget " + round.budget(), new double[] { 0, round.seconds() },
				new double[] { round.budget(), round.budget() });
		budget.setMarker(SeriesMarkers.NONE);
		budget.setLineColor(Color.RED);
		budget.setLineStyle(dashed());
		for (int i = 0; i < round.instances().size(); i++) {
			int index = i;
			double[] size = round.samples().stream().mapToDouble((sample) -> sample.maximums().get(index)).toArray();
			XYSeries line = chart.addSeries(round.instances().get(i).id() + " maximum size", x, size);
			line.setMarker(SeriesMarkers.NONE);
			line.setLineColor(COLORS[i % COLORS.length]);
			line.setLineStyle(new BasicStroke(1.5f));
		}
		for (FleetRound.Instance instance : round.instances()) {
			chart.addAnnotation(new AnnotationLine(instance.startAt(), true, false));
			chart.addAnnotation(new AnnotationText(instance.id() + " starts", instance.startAt() + 2.5,
					Math.max(round.budget(), max(total)) * 1.06, false));
		}
		chart.getStyler().setYAxisMax(Math.max(round.budget(), max(total)) * 1.12);
		return chart;
	}

	private static void markPhases(XYChart chart, Scenario scenario, double top) {
		for (int phase = 0; phase < scenario.phases().size(); phase++) {
			if (phase > 0) {
				chart.addAnnotation(new AnnotationLine(scenario.start(phase), true, false));
			}
			double middle = scenario.start(phase) + scenario.phases().get(phase).seconds() / 2.0;
			chart.addAnnotation(new AnnotationText((phase + 1) + ". " + scenario.phases().get(phase).label(), middle,
					Math.max(1, top) * 1.06, false));
		}
		// room above the data for the phases' labels
		chart.getStyler().setYAxisMax(Math.max(1, top) * 1.12);
	}

	private static XYChart chart(String title, String yTitle) {
		XYChart chart = new XYChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title(title)
			.xAxisTitle("seconds")
			.yAxisTitle(yTitle)
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
		chart.getStyler().setChartBackgroundColor(Color.WHITE);
		chart.getStyler().setPlotGridLinesVisible(true);
		chart.getStyler().setYAxisMin(0.0);
		chart.getStyler().setAnnotationLineColor(Color.GRAY);
		return chart;
	}

	private static BasicStroke dashed() {
		return new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 6f, 4f }, 0f);
	}

	private static double max(double[] values) {
		double max = 0;
		for (double value : values) {
			if (!Double.isNaN(value)) {
				max = Math.max(max, value);
			}
		}
		return max;
	}

}
