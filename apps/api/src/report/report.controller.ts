import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
  ServiceUnavailableException,
  StreamableFile,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors, ApiSignedIn, Authorizer, CurrentUser, type UserAccount } from '@liaison/auth';
import type { InspectionVerdict, OfficeContext, ReportCommand, ReviewDecision } from '@liaison/domain';
import {
  CityReportQuery,
  ExecuteCommand,
  OFFICE_CONTEXT,
  ProvinceReportsQuery,
  ReportStateQuery,
  SummariesOnFileQuery,
} from '@liaison/application';
import type { CityReport } from '@liaison/projections';
import { RequestValidationError } from '../common/errors';
import { CorrelationId } from '../common/request-meta';
import { MissingFontError } from './pdf-layout';
import { circulationPdf, PDF, reportPdf } from './report-pdf';
import { reportWorkbook, XLSX } from './report-workbook';
import { InspectionDto, ReportAtDto, ReviewDto } from './report.dto';
import { CityReportDto, CityReportStatusDto, DisposalAmountsDto, ReportActionDto } from './report.responses';

const BINARY = { schema: { type: 'string', format: 'binary' } } as const;
const ATTACHMENT = {
  'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' } },
};

/**
 * The city's report (汇总全市, 七(三)) as of any instant, as JSON, an Excel workbook or a Chinese PDF; the Bureau's
 * inspection of each unit's summary, the municipal government's review, the submission to the provincial Bureau;
 * and what the province receives.
 */
@ApiTags('reports')
@ApiExtraModels(CityReportDto, DisposalAmountsDto)
@ApiBearerAuth()
@ApiSignedIn()
@Controller('reports')
export class ReportController {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  @Get('city/:cityId')
  @ApiOperation({
    summary: "The city's report as of `at` (now when absent): JSON, or by Accept an Excel workbook or a PDF",
  })
  @ApiHeader({
    name: 'Accept',
    required: false,
    description: `application/json (default), ${XLSX} or ${PDF}`,
  })
  @ApiProduces('application/json', XLSX, PDF)
  @ApiOkResponse({
    description: 'The report, in the format asked for',
    headers: ATTACHMENT,
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CityReportDto) } },
      [XLSX]: BINARY,
      [PDF]: BINARY,
    },
  })
  @ApiErrors([503, 'The Chinese font is not installed (fonts-wqy-microhei)'])
  async report(
    @Param('cityId') cityId: string,
    @Query() query: ReportAtDto,
    @Headers('accept') accept: string | undefined,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CityReport | StreamableFile> {
    const report = await this.read(cityId, query, user);
    if (accept?.includes(XLSX)) return this.file(reply, report, 'xlsx', await reportWorkbook(report), XLSX);
    if (accept?.includes(PDF))
      return this.file(reply, report, 'pdf', await this.pdf(() => reportPdf(report)), PDF);
    return report;
  }

  @Get('city/:cityId/report.xlsx')
  @ApiOperation({ summary: "The city's report as an Excel workbook: a sheet per table, totals as formulas" })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The workbook', headers: ATTACHMENT, content: { [XLSX]: BINARY } })
  async workbook(
    @Param('cityId') cityId: string,
    @Query() query: ReportAtDto,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const report = await this.read(cityId, query, user);
    return this.file(reply, report, 'xlsx', await reportWorkbook(report), XLSX);
  }

  @Get('city/:cityId/report.pdf')
  @ApiOperation({ summary: "The city's report as a printable PDF in Chinese" })
  @ApiProduces(PDF)
  @ApiOkResponse({ description: 'The PDF', headers: ATTACHMENT, content: { [PDF]: BINARY } })
  @ApiErrors([503, 'The Chinese font is not installed (fonts-wqy-microhei)'])
  async printable(
    @Param('cityId') cityId: string,
    @Query() query: ReportAtDto,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const report = await this.read(cityId, query, user);
    return this.file(reply, report, 'pdf', await this.pdf(() => reportPdf(report)), PDF);
  }

  @Get('city/:cityId/circulation.pdf')
  @ApiOperation({
    summary: 'The circulation notice (通报, 八(三)): the overdue items the leading group listed',
  })
  @ApiProduces(PDF)
  @ApiOkResponse({ description: 'The PDF', headers: ATTACHMENT, content: { [PDF]: BINARY } })
  @ApiErrors([503, 'The Chinese font is not installed (fonts-wqy-microhei)'])
  async circulation(
    @Param('cityId') cityId: string,
    @Query() query: ReportAtDto,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const report = await this.read(cityId, query, user);
    const bytes = await this.pdf(() => circulationPdf(report));
    return this.file(reply, report, 'pdf', bytes, PDF, 'circulation');
  }

  @Post('city/:cityId/inspections')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The Bureau's inspection of a unit's work summary: accept it, or return it with a comment (七(三))",
  })
  @ApiErrors(409, 413, 422)
  @ApiOkResponse({ type: ReportActionDto })
  async inspect(
    @Param('cityId') cityId: string,
    @Body() body: InspectionDto,
    @CurrentUser() user: UserAccount,
    @CorrelationId() correlationId: string,
  ) {
    this.city(cityId);
    this.authorizer.enforce(user, 'report.act', { sponsorUnitId: cityId });
    const [filed] = Object.values(await this.queries.execute(new SummariesOnFileQuery([body.unitId])));
    return this.execute(cityId, user, correlationId, {
      type: 'InspectSummary',
      data: {
        cityId,
        unitId: body.unitId,
        verdict: body.verdict as InspectionVerdict,
        comment: body.comment ?? '',
        summaryFiledAt: filed ?? null,
      },
    });
  }

  @Post('city/:cityId/review')
  @HttpCode(200)
  @ApiOperation({
    summary: "The municipal government's review of the whole report: approve it, or return it with a comment",
  })
  @ApiErrors(409, 413, 422)
  @ApiOkResponse({ type: ReportActionDto })
  async review(
    @Param('cityId') cityId: string,
    @Body() body: ReviewDto,
    @CurrentUser() user: UserAccount,
    @CorrelationId() correlationId: string,
  ) {
    this.city(cityId);
    this.authorizer.enforce(user, 'report.act', { sponsorUnitId: cityId });
    const state = await this.queries.execute(new ReportStateQuery(cityId));
    const summaries = await this.queries.execute(new SummariesOnFileQuery(state.filingUnits));
    return this.execute(cityId, user, correlationId, {
      type: 'ReviewCityReport',
      data: { cityId, decision: body.decision as ReviewDecision, comment: body.comment ?? '', summaries },
    });
  }

  @Post('city/:cityId/submission')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the approved report to the provincial Bureau (七(三))' })
  @ApiErrors(409, 422)
  @ApiOkResponse({ type: ReportActionDto })
  submit(
    @Param('cityId') cityId: string,
    @CurrentUser() user: UserAccount,
    @CorrelationId() correlationId: string,
  ) {
    this.city(cityId);
    this.authorizer.enforce(user, 'report.act', { sponsorUnitId: cityId });
    return this.execute(cityId, user, correlationId, { type: 'SubmitCityReport', data: { cityId } });
  }

  @Get('province/:provinceId')
  @ApiOperation({
    summary: "Every city's report as the provincial Bureau receives it: steps, review, when submitted",
  })
  @ApiOkResponse({ type: [CityReportStatusDto] })
  province(@Param('provinceId') provinceId: string, @CurrentUser() user: UserAccount) {
    if (this.context.jurisdictions.find(provinceId)?.kind !== 'province') {
      throw new RequestValidationError([
        { field: 'provinceId', rule: 'isProvince', message: `provinceId ${provinceId} is not a province` },
      ]);
    }
    this.authorizer.enforce(user, 'report.read', { sponsorUnitId: provinceId });
    return this.queries.execute(new ProvinceReportsQuery(provinceId));
  }

  private city(cityId: string): void {
    if (this.context.jurisdictions.find(cityId)?.kind !== 'city') {
      throw new RequestValidationError([
        {
          field: 'cityId',
          rule: '七(三)',
          message: `cityId ${cityId} is not a city: a city's Bureau aggregates the report (七(三); GET /units?kind=city)`,
        },
      ]);
    }
  }

  private read(cityId: string, query: ReportAtDto, user: UserAccount): Promise<CityReport> {
    this.city(cityId);
    this.authorizer.enforce(user, 'report.read', { sponsorUnitId: cityId });
    const at = new Date(query.at ?? Date.now()).toISOString();
    return this.queries.execute(new CityReportQuery(cityId, at));
  }

  private async pdf(render: () => Promise<Buffer>): Promise<Buffer> {
    try {
      return await render();
    } catch (error) {
      if (error instanceof MissingFontError) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }

  private file(
    reply: FastifyReply,
    report: CityReport,
    extension: string,
    bytes: Buffer,
    type: string,
    name = 'report',
  ): StreamableFile {
    const day = report.at.slice(0, 10);
    void reply.header(
      'content-disposition',
      `attachment; filename="${name}-${report.cityId}-${day}.${extension}"`,
    );
    return new StreamableFile(bytes, { type });
  }

  private async execute(cityId: string, user: UserAccount, correlationId: string, command: ReportCommand) {
    const result = await this.commands.execute(
      new ExecuteCommand('report', cityId, command, {
        actor: user.username,
        role: user.role,
        now: new Date().toISOString(),
        correlationId,
      }),
    );
    return { cityId, recorded: result.events.map((event) => event.type) };
  }
}
